import Testing
@testable import ParapetDetectors
import ParapetRules
import ParapetText

/// The word-salad detector as first written (collect every token, then slide the window over
/// the list), kept as the reference the one-pass detector must match hit for hit.
private func referenceHits(_ d: WordSaladDetector, _ b: [UInt8]) -> [DetectorHit] {
    var starts: [Int] = [], ends: [Int] = [], clauseStart: [Bool] = []
    var en = 0, fo = 0, i = 0
    var newline = true
    while i < b.count && starts.count < d.maxTokens {
        while i < b.count && ByteClass.isSpace(b[i]) { if b[i] == 0x0A { newline = true }; i += 1 }
        if i >= b.count { break }
        let s = i
        while i < b.count && !ByteClass.isSpace(b[i]) { i += 1 }
        clauseStart.append(newline || ends.last.map { WordSaladDetector.endsClause(b[$0 - 1]) } ?? true)
        starts.append(s); ends.append(i)
        newline = false
        let (ws, we) = WordSaladDetector.letters(b, s, i)
        if d.english.containsWord(b, ws, we) { en += 1 } else if d.foreign.containsWord(b, ws, we) { fo += 1 }
    }
    let lowest = d.weakTokens > 0 ? d.weakTokens : d.minTokens
    guard starts.count >= lowest else { return [] }
    var ctx = SaladContext(isUnbalanced: referenceMismatches(b, 0..<b.count) > 0, isEnglish: en >= 3 && en >= 3 * fo)
    let kinds = starts.indices.map {
        WordSaladToken.classify(b, starts[$0], ends[$0], prevEndsClause: clauseStart[$0], context: &ctx, foreign: d.foreign)
    }
    var weak: DetectorHit? = nil
    for t in kinds.indices {
        let first = max(0, t - d.window + 1)
        let odd = (first...t).filter { kinds[$0] != nil }
        guard odd.count >= lowest, odd.count >= d.minTokens || weak == nil else { continue }
        let kindCount = Set(odd.compactMap { kinds[$0] }).count
        guard kindCount >= d.minKinds else { continue }
        let note = "\(odd.count) salad tokens of \(kindCount) kinds in \(d.window)"
        if odd.count >= d.minTokens { return [DetectorHit(range: starts[odd[0]]..<ends[t], note: note)] }
        weak = DetectorHit(range: starts[odd[0]]..<ends[t], score: d.weakScore, note: note + " (weak tier)")
    }
    return weak.map { [$0] } ?? []
}

/// Tokens chosen to reach every branch: English and foreign function words, camelCase, capitalised
/// "Sure"/"Here", ordinary and odd punctuation, data punctuation, piled edges, curly quotes, non-ASCII.
private let pieces = [
    "the", "a", "and", "for", "you", "how", "write", "poem", "Explain", "sea", "Sure", "Here", "Hier", "sure",
    "avec", "dans", "pour", "und", "también", "não", "Avec", "DANS", "compactList", "sortedBy", "JavaScript",
    "GitHub", "?", "??", "!=", "=~", ":-)", "||", "-", "--", "...", "->", "```", "//", "&", "+", "(", ")", "[", "]",
    "{", "}", "{\"a\":", "[1,2]", "${HOME}", "x=1;", "\"quoted\"", "'tick'", "(((word", "word!!!", "word?!.",
    "word...", "“curly”", "‘x’", "end.", "end:", "say\"", "café", "naïve", "日本", "a.b", "c/d", "e_f", "g-h",
    "100%", "@user", "x<y>z", "a,b", "semi;", "\n", "\n\n", "\t", "  ", ".", ":", "Sure,", "Here:", "(Sure)",
    "Avec,", "dans.", "Und", "pour!", "Here?", "X.", "A", "Z,", ",", ".,", "aB,", "Ab.", "ab,,", "Dans;", "sure.",
]

@Test func wordSaladMatchesTheReferenceOnRandomTokenSequences() throws {
    var rng = SplitMix(seed: 0x5A1AD)
    let params: [[String: RuleValue]] = [
        ["window": .number(12), "min_tokens": .number(4), "min_kinds": .number(2), "weak_tokens": .number(2)],
        ["window": .number(12), "min_tokens": .number(3), "min_kinds": .number(2)],
        ["window": .number(4), "min_tokens": .number(2), "min_kinds": .number(1), "weak_tokens": .number(1)],
        ["window": .number(6), "min_tokens": .number(5), "min_kinds": .number(3), "weak_tokens": .number(3),
         "max_tokens": .number(20)],
        ["window": .number(64), "min_tokens": .number(6), "min_kinds": .number(2), "weak_tokens": .number(4)],
    ]
    let detectors = try params.map { try WordSaladDetector(params: $0) }
    var fired = 0
    for round in 0..<3_000 {
        let count = Int(rng.next() % 60)
        // Some rounds lean on English words so the foreign-word branch gets a say.
        let english = round % 3 == 0
        var text: [UInt8] = []
        for _ in 0..<count {
            let piece = english && rng.next() % 2 == 0 ? pieces[Int(rng.next() % 6)] : pieces[Int(rng.next() % UInt64(pieces.count))]
            text += Array(piece.utf8)
            if rng.next() % 4 != 0 { text.append(0x20) }
        }
        #expect(TokenSoupDetector.bracketMismatches(text, 0..<text.count) == referenceMismatches(text, 0..<text.count))
        let view = TextView(kind: .raw, bytes: text, map: .identity(count: text.count), chain: [])
        for d in detectors {
            let got = d.detect(view, context: ScanContext(target: .input))
            let want = referenceHits(d, text)
            if !want.isEmpty { fired += 1 }
            #expect(got == want, "\(String(decoding: text, as: UTF8.self))")
        }
    }
    // The sequences must exercise hits as well as misses, or the comparison proves little.
    #expect(fired > 500)
}

@Test func ordinaryPunctuationLookupMatchesASetOfTheSameTokens() {
    let list = ["-", "--", "&", "/", "+", "|", ":", "*", "...", "=", "#", "##", "###", ">", "->", "=>", "\"", "'",
                "(", ")", "```", "``", "//", "/*", "*/"]
    let set = Set(list.map { Array($0.utf8) })
    let alphabet: [UInt8] = Array("-&/+|:*.=#>\"'()`!?;,[]{}<~".utf8)
    var rng = SplitMix(seed: 7)
    for _ in 0..<20_000 {
        let tok = (0..<(1 + Int(rng.next() % 4))).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
        #expect(WordSaladToken.isOrdinaryPunct(tok, 0, tok.count) == set.contains(tok))
    }
}

/// A small deterministic generator, so a failure replays.
private struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE5_E4B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
