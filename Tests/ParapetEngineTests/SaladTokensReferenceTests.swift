import Testing
@testable import ParapetDetectors
import ParapetText

/// The salad tokenizer as it was before the eight-bytes-at-a-time scan: a byte loop that counts
/// every byte outside a-z and carries the clause state forward. `SaladTokens.fill` must give the
/// same tokens, kinds and ranges.
private func fillReference(_ lexicon: SaladLexicon, maxTokens: Int, _ b: [UInt8]) -> [[Int]] {
    var out: [[Int]] = []
    let memo = TextMemo.memo(for: b)
    var ctx = LazySaladContext(memo: memo, maxTokens: maxTokens, lexicon: lexicon)
    var t = 0, i = 0
    var newline = true
    var prevLast: UInt8 = 0x2E
    while i < b.count && t < maxTokens {
        while i < b.count && ByteClass.isSpace(b[i]) { if b[i] == 0x0A { newline = true }; i += 1 }
        if i >= b.count { break }
        let s = i
        var odd = 0
        while i < b.count && !ByteClass.isSpace(b[i]) {
            if b[i] < 0x61 || b[i] > 0x7A { odd += 1 }
            i += 1
        }
        let prevEnds = newline || WordSaladDetector.endsClause(prevLast)
        newline = false
        prevLast = b[i - 1]
        var core: Int? = nil
        if odd == 0 { core = i } else if odd <= 2 {
            let capital = b[s] >= 0x41 && b[s] <= 0x5A
            let mark = i - s >= 2 && WordSaladToken.isTrail(b[i - 1])
            if odd == (capital ? 1 : 0) + (mark ? 1 : 0) { core = mark ? i - 1 : i }
        }
        let kind: SaladKind?
        if let core {
            if lexicon.foreign.containsWordReference(b, s, core) && ctx.english() { kind = .foreignWord }
            else if !prevEnds && core - s == 4 && WordSaladToken.isComplianceWord(b, s) { kind = .compliance }
            else { kind = nil }
        } else {
            kind = WordSaladToken.classify(b, s, i, prevEndsClause: prevEnds, context: &ctx, foreign: lexicon.foreign)
        }
        if let kind { out.append([t, s, i, kind.rawValue]) }
        t += 1
    }
    return out
}

/// The tokens `SaladTokens.fill` keeps, from a fresh entry (not the memo's cached one).
private func fillFast(_ lexicon: SaladLexicon, maxTokens: Int, _ b: [UInt8]) -> [[Int]] {
    let s = SaladTokens(lexicon: lexicon, maxTokens: maxTokens)
    s.fill(TextMemo.memo(for: b))
    return s.tokens.map { [$0.index, $0.start, $0.end, Int($0.kind)] }
}

/// Pieces that reach every judge, with word lengths around the eight-byte steps.
private let pieces: [[UInt8]] = [
    "the", "a", "and", "for", "you", "is", "Sure", "Here", "Hier", "sure", "Sure,", "Here:", "Hier.", "SURE",
    "avec", "dans", "Avec", "DANS.", "pour,", "também", "não", "então", "ensuite", "estos", "und", "dici",
    "abcdefg", "abcdefgh", "abcdefghi", "abcdefghijklmno", "abcdefghijklmnop", "abcdefghijklmnopq",
    "Abcdefgh.", "abcdefgH", "compactList", "sortedBy", "?", "??", "!=", "-", "...", "->", "{\"a\":", "[1,2]",
    "(((word", "word!!!", "word?!.", "“curly”", "‘x’", "end.", "end:", "say\"", "café", "日本", "#fff;", "x<y>z",
    "A", "Z,", ",", ".,", "aB,", "Ab.", "ab,,", "a.b", "100%", "@user", "semi;", "(", ")", "[", "]", "{", "}",
].map { Array($0.utf8) } + [[0x00], [0x7F], [0xFF], [0x80], [0x61, 0x00, 0x62], [0x61, 0x7F], [0xFF, 0x61, 0x62, 0x63]]

/// Separators: every ASCII space byte, runs, and none (so tokens merge).
private let gaps: [[UInt8]] = [[0x20], [0x20], [0x20], [0x0A], [0x09], [0x0B], [0x0C], [0x0D], [0x20, 0x20], [0x0A, 0x20], []]

@Test func saladFillMatchesTheByteLoopOnRandomTexts() {
    var rng = SplitMix(seed: 0x5A1AD70C)
    let lexicons = [SaladLexicon.standard, SaladLexicon(foreign: ["avec", "x", "--", "abcdefgh", "日本"], english: ["the", "a", "is"])]
    var kept = 0
    for round in 0..<4_000 {
        var text: [UInt8] = []
        // Some texts are mostly English function words, so foreign words count.
        let english = round % 3 == 0
        for _ in 0..<Int(rng.next() % (round % 7 == 0 ? 200 : 50)) {
            text += english && rng.next() % 2 == 0 ? pieces[Int(rng.next() % 6)] : pieces[Int(rng.next() % UInt64(pieces.count))]
            text += gaps[Int(rng.next() % UInt64(gaps.count))]
        }
        if round % 5 == 0 {
            // Raw random bytes as well, so nothing about the pieces is assumed.
            text += (0..<Int(rng.next() % 40)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        }
        for lexicon in lexicons {
            for maxTokens in [16, 4_096] {
                let want = fillReference(lexicon, maxTokens: maxTokens, text)
                kept += want.count
                #expect(fillFast(lexicon, maxTokens: maxTokens, text) == want, "\(text)")
            }
        }
    }
    // The texts must make salad tokens of every kind, or the comparison proves little.
    #expect(kept > 20_000)
}

@Test func saladFillMatchesTheByteLoopOnEdgeTexts() {
    var texts: [[UInt8]] = [[], [0x20], [0x0A], Array("Sure".utf8), Array(" Sure".utf8), Array("x Sure".utf8),
                            Array("x\nSure".utf8), Array("x. Sure".utf8), Array("x Sure,".utf8)]
    for c in 0...255 { texts.append([UInt8(c)]); texts.append([0x61, UInt8(c)]); texts.append([UInt8(c), 0x61, 0x20, 0x61]) }
    // Lower-case runs around the eight-byte steps, at every alignment, with each kind of end.
    for len in 1...34 {
        for lead in 0..<9 {
            for end: [UInt8] in [[], [0x20], [0x2E], [0x2E, 0x20], [0x41], [0xC3, 0xA9], [0x00], [0x7F], [0xFF]] {
                let word = (0..<len).map { UInt8(0x61 + $0 % 26) }
                texts.append(Array(repeating: 0x20, count: lead) + word + end)
                texts.append(Array(repeating: 0x20, count: lead) + [0x53] + word + end)
            }
        }
    }
    // Texts of whole 64-byte blocks, tokens running across blocks and to the very end.
    for len in [63, 64, 65, 127, 128, 129, 200] {
        let run = (0..<len).map { UInt8(0x61 + $0 % 26) }
        texts.append(run)
        texts.append([0x41] + run.dropFirst())
        texts.append(Array(repeating: 0x20, count: len))
        texts.append(Array(run.dropLast()) + [0x2E])
        texts.append(Array((String(repeating: "Sure avec ", count: len / 10 + 1)).utf8.prefix(len)))
        texts.append(Array((String(repeating: "日本 x ", count: len / 8 + 1)).utf8.prefix(len)))
    }
    for text in texts {
        for maxTokens in [16, 4_096] {
            #expect(fillFast(.standard, maxTokens: maxTokens, text) == fillReference(.standard, maxTokens: maxTokens, text), "\(text)")
        }
    }
    // Cut off at max_tokens: the 17th token is never judged.
    let many = Array((String(repeating: "ok ", count: 16) + "?? != :-) sortedBy").utf8)
    #expect(fillFast(.standard, maxTokens: 16, many).isEmpty)
    #expect(fillFast(.standard, maxTokens: 4_096, many).count == 4)
}

@Test func saladByteMasksAgreeWithTheByteTests() {
    var rng = SplitMix(seed: 0x10E4)
    // Every byte value in every lane, then random words.
    var words: [UInt64] = []
    for c in 0...255 {
        for lane in 0..<8 {
            let shift = UInt64(8 * lane)
            let filler: UInt64 = 0x6161_6161_6161_6161 & ~(UInt64(0xFF) << shift)
            words.append(filler | UInt64(c) << shift)
        }
    }
    for _ in 0..<20_000 { words.append(rng.next()) }
    for x in words {
        var lower: UInt64 = 0, space: UInt64 = 0
        for lane in 0..<8 {
            let c = UInt8(truncatingIfNeeded: x >> UInt64(8 * lane))
            if !(c >= 0x61 && c <= 0x7A) { lower |= 0x80 << UInt64(8 * lane) }
            if ByteClass.isSpace(c) { space |= 0x80 << UInt64(8 * lane) }
        }
        #expect(SaladScan.nonLower(x) == lower, "\(String(x, radix: 16))")
        #expect(SaladScan.spaces(x) == space, "\(String(x, radix: 16))")
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
