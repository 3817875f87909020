import Testing
@testable import ParapetDetectors
import ParapetRules
import ParapetText

/// The keyword-proximity detector's byte loop as first written (every byte visited), kept as the
/// reference for the pass that visits only the positions where a stem or a clause mark can be.
private func referenceHits(_ d: KeywordProximityDetector, _ b: [UInt8]) -> [DetectorHit] {
    let n = min(b.count, d.maxBytes)
    var lastVerb: Range<Int>? = nil, lastObject: Range<Int>? = nil
    var pairs = 0
    var first: Range<Int>? = nil
    var i = 0
    while i < n {
        let c = b[i]
        if c == 0x2E || c == 0x3B || c == 0x21 || c == 0x3F || c == 0x0A || (c == 0xE3 && i + 2 < n && b[i + 1] == 0x80 && b[i + 2] == 0x82) {
            lastVerb = nil; lastObject = nil
            i += 1
            continue
        }
        if !d.starts[Int(c)] || StemTable.cannotStart(b, at: i) { i += 1; continue }
        if let len = d.verbs.match(b, at: i) {
            let r = i..<(i + len)
            let negated = ["n't ", "not ", "never ", "n’t "].contains { neg in
                let m = Array(neg.utf8)
                return i >= m.count && Array(b[(i - m.count)..<i]) == m
            }
            if negated { i += len; continue }
            if let o = lastObject, r.lowerBound - o.upperBound <= d.window {
                pairs += 1; if first == nil { first = o.lowerBound..<r.upperBound }
                lastObject = nil
            }
            lastVerb = r
            i += len
            continue
        }
        if let len = d.objects.match(b, at: i) {
            let r = i..<(i + len)
            if let v = lastVerb, r.lowerBound - v.upperBound <= d.window {
                pairs += 1; if first == nil { first = v.lowerBound..<r.upperBound }
                lastVerb = nil
            } else {
                lastObject = r
            }
            i += len
            continue
        }
        i += 1
    }
    guard pairs >= d.minPairs, let span = first else { return [] }
    return [DetectorHit(range: span, note: "\(pairs) override verb/object pair(s)")]
}

/// Stems glued to words and marks, negations, CJK without spaces, the "。" mark and its lead
/// byte alone, digits and underscores (word bytes), and text past `max_bytes`.
private let pieces: [[UInt8]] = [[0xE3], [0xE3, 0x80], [0xE3, 0x80, 0x82, 0x41]] + [
    "ignore", "Ignore", "xignore", "ignore_", "9ignore", "ignoring", "forget", "instructions", "instruction", "prompt",
    "previous rules", "the", "and", "don't ", "not ", "never ", "n’t ", "忽略", "指令", "。", "、", "anweisung",
    "vergiss", "prompts.", "x;", "!", "?", "\n", "bypass", "guideline", "_", "42", "é", "инструкц", "забудь", "a",
].map { Array($0.utf8) }
private let gaps: [String] = [" ", " ", " ", "", ", ", "  ", "\t", "-"]

@Test func keywordProximityMatchesItsByteLoop() throws {
    let verbs: [RuleValue] = ["ignore", "ignoring", "forget", "bypass", "vergiss", "忽略", "забудь"].map { .string($0) }
    let objects: [RuleValue] = ["instruction", "prompt", "previous rules", "guideline", "anweisung", "指令", "инструкц"].map { .string($0) }
    let detectors = try [
        KeywordProximityDetector(params: ["verbs": .list(verbs), "objects": .list(objects), "window": .number(40)]),
        KeywordProximityDetector(params: ["verbs": .list(verbs), "objects": .list(objects), "window": .number(4), "min_pairs": .number(2)]),
        KeywordProximityDetector(params: ["verbs": .list(verbs), "objects": .list(objects), "window": .number(100), "max_bytes": .number(256)]),
    ]
    var state: UInt64 = 0x6B_0D
    func next() -> Int {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Int(truncatingIfNeeded: state >> 33)
    }
    var fired = 0, quiet = 0
    for round in 0..<4_000 {
        var bytes: [UInt8] = []
        for _ in 0..<(round % 70) {
            bytes += pieces[next() % pieces.count]
            bytes += Array(gaps[next() % gaps.count].utf8)
        }
        for d in detectors {
            let hits = d.detect(TextView(kind: .canonical, bytes: bytes, map: .identity(count: bytes.count), chain: []),
                                context: ScanContext(target: .input))
            #expect(hits == referenceHits(d, bytes), "\(String(decoding: bytes, as: UTF8.self))")
            if hits.isEmpty { quiet += 1 } else { fired += 1 }
        }
    }
    #expect(fired > 2_000)
    #expect(quiet > 2_000)
}
