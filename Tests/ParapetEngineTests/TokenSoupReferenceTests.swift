import Testing
@testable import ParapetDetectors
import ParapetRules
import ParapetText

/// The token-soup detector as first written (two reads of each token, the balance asked last),
/// kept as the reference the faster token pass and the early balance check must match.
private func referenceHits(_ d: TokenSoupDetector, _ b: [UInt8]) -> [DetectorHit] {
    var starts: [Int] = [], ends: [Int] = [], odd: [Bool] = []
    var i = 0
    b.withUnsafeBufferPointer { p in
        while i < b.count && starts.count < d.maxTokens {
            while i < b.count && ByteClass.isSpace(b[i]) { i += 1 }
            if i >= b.count { break }
            let s = i
            while i < b.count && !ByteClass.isSpace(b[i]) { i += 1 }
            starts.append(s); ends.append(i)
            odd.append(TokenSoupDetector.isOdd(p, s, i))
        }
    }
    guard odd.count >= d.minOdd else { return [] }
    var inWindow = 0, best = -1, bestStart = 0
    for t in odd.indices {
        if odd[t] { inWindow += 1 }
        if t >= d.window, odd[t - d.window] { inWindow -= 1 }
        if inWindow > best { best = inWindow; bestStart = max(0, t - d.window + 1) }
    }
    guard best >= d.minOdd else { return [] }
    let mismatches = referenceMismatches(b, 0..<(i >= b.count ? b.count : ends.last!))
    guard mismatches >= d.minMismatch else { return [] }
    let last = min(odd.count - 1, bestStart + d.window - 1)
    return [DetectorHit(range: starts[bestStart]..<ends[last],
                        note: "\(best) odd tokens in \(d.window), \(mismatches) unbalanced brackets")]
}

/// Bracket balance over `b[r]` with a growing array stack: the reference for the detectors'
/// fixed-stack, block-skipping version (word-salad's tests use it too).
func referenceMismatches(_ b: [UInt8], _ r: Range<Int>) -> Int {
    var stack: [UInt8] = []
    var bad = 0
    for c in b[r] {
        switch c {
        case 0x28, 0x5B, 0x7B: if stack.count < 64 { stack.append(c) } else { bad += 1 }
        case 0x29, 0x5D, 0x7D:
            let want: UInt8 = c == 0x29 ? 0x28 : (c == 0x5D ? 0x5B : 0x7B)
            if stack.last == want { stack.removeLast() } else { bad += 1 }
        default: break
        }
    }
    return bad + stack.count
}

/// Tokens that reach every branch of the odd-token test: plain and capitalised words, camel
/// humps, long lower-case runs (the eight-letter step), code punctuation alone and with letters,
/// brackets of every kind, digits, tabs and newlines, and non-ASCII.
private let pieces: [String] = [
    "the", "a", "Sure", "tutorial", "abcdefghijklmnopq", "helpfulTip(", "sureHere{{", "({[", "]]", ")",
    "}", "[okay\\", "x=1;", "#tag", "`code`", "\"q\"", "ok=[fine]", "nowWrite))", "a@b", "~^|",
    "ÉTÉ", "ne̊w", "camelCaseWordHere", "ABCdef", "x{a}", "(see", "above)", "{\"k\":", "[1,", "2]}",
    "<<[", "%*", "$", "abcdefgh)", "abcdefghABC",
]
private let gaps: [String] = [" ", " ", " ", "  ", "\t", "\n", " \r\n "]

private func randomText(_ state: inout UInt64, tokens: Int) -> [UInt8] {
    func next() -> Int {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Int(truncatingIfNeeded: state >> 33)
    }
    var s = next() % 3 == 0 ? " " : ""
    for _ in 0..<tokens {
        s += pieces[next() % pieces.count]
        if next() % 5 == 0 { s += pieces[next() % pieces.count] }   // glued pieces
        s += gaps[next() % gaps.count]
    }
    if next() % 2 == 0, !s.isEmpty { s.removeLast() }
    return Array(s.utf8)
}

private func raw(_ b: [UInt8]) -> TextView { TextView(kind: .raw, bytes: b, map: .identity(count: b.count), chain: []) }

@Test func tokenSoupMatchesItsReferenceHitForHit() throws {
    let detectors = try [
        TokenSoupDetector(params: ["min_odd_tokens": .number(2), "min_bracket_mismatch": .number(3)]),
        TokenSoupDetector(params: ["min_odd_tokens": .number(3), "min_bracket_mismatch": .number(2)]),
        TokenSoupDetector(params: ["min_odd_tokens": .number(5), "min_bracket_mismatch": .number(0)]),
        TokenSoupDetector(params: ["window": .number(4), "min_odd_tokens": .number(1), "min_bracket_mismatch": .number(1)]),
        // A cap texts often run past: the balance is then judged up to the cap only.
        TokenSoupDetector(params: ["min_odd_tokens": .number(2), "min_bracket_mismatch": .number(2), "max_tokens": .number(16)]),
    ]
    var state: UInt64 = 0x50_0B
    var fired = 0, cut = 0
    for round in 0..<3_000 {
        let text = randomText(&state, tokens: round % 40)
        for d in detectors {
            let hits = d.detect(raw(text), context: ScanContext(target: .input))
            #expect(hits == referenceHits(d, text), "\(String(decoding: text, as: UTF8.self))")
            if !hits.isEmpty { fired += 1 }
        }
        if text.count > 32 { cut += 1 }
    }
    // The random texts reach both answers, and the capped detector sees texts past its cap.
    #expect(fired > 1_000)
    #expect(cut > 1_000)
}

@Test func bracketBalanceMatchesTheByteLoop() {
    let alphabet = Array("([{}])xY ".utf8) + [0x80, 0xFB, 0xDD, 0x09]
    var state: UInt64 = 0xBA1
    for round in 0..<5_000 {
        let text = (0..<(round % 150)).map { _ -> UInt8 in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return alphabet[Int(state >> 33) % alphabet.count]
        }
        let lo = text.isEmpty ? 0 : round % (text.count + 1)
        let range = lo..<text.count
        #expect(TokenSoupDetector.bracketMismatches(text, range) == referenceMismatches(text, range))
    }
}

@Test func tokenSoupJudgesBalanceUpToTheCapEvenWhenTheWholeTextBalances() throws {
    // Two brackets opened in the first 16 tokens close only past the cap: the text as a whole
    // balances, the tokens the detector reads do not.
    let text = Array(("(( " + String(repeating: "helpTip=x ", count: 15) + "ok ))").utf8)
    let capped = try TokenSoupDetector(params: ["min_odd_tokens": .number(2), "min_bracket_mismatch": .number(2), "max_tokens": .number(16)])
    let full = try TokenSoupDetector(params: ["min_odd_tokens": .number(2), "min_bracket_mismatch": .number(2)])
    #expect(capped.detect(raw(text), context: ScanContext(target: .input)).count == 1)
    #expect(full.detect(raw(text), context: ScanContext(target: .input)).isEmpty)
    #expect(capped.detect(raw(text), context: ScanContext(target: .input)) == referenceHits(capped, text))
}
