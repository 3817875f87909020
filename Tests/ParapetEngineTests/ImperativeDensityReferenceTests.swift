import ParapetRules
import ParapetText
import Testing
@testable import ParapetDetectors

/// `ImperativeDensityDetector.detect` skips from one sentence end to the next; this is the byte
/// loop it replaced (with a verb that ends the text counted as a whole word), which must give the
/// same hits.
private func detectReference(_ d: ImperativeDensityDetector, _ b: [UInt8]) -> [DetectorHit] {
    let n = min(b.count, d.maxBytes)
    var count = 0
    var first: Range<Int>? = nil
    var atStart = true
    var i = 0
    while i < n {
        let c = b[i]
        if atStart {
            if ByteClass.isSpace(c) || c == 0x2D || c == 0x2A || c == 0x22 || c == 0x27 || c == 0x3E || c == 0x23 { i += 1; continue }
            atStart = false
            if let len = d.verbs.match(b, at: i), i + len == n || i + len == b.count || !ByteClass.isLetter(b[i + len]),
               !ImperativeDensityDetector.isFieldLabel(b, from: i + len, to: n) {
                count += 1
                if first == nil { first = i..<(i + len) }
                i += len
                continue
            }
        }
        if c == 0x2E || c == 0x21 || c == 0x3F || c == 0x0A || c == 0x7C || c == 0x3A {
            if i + 1 >= n || ByteClass.isSpace(b[i + 1]) || c == 0x0A || c == 0x7C { atStart = true }
        }
        i += 1
    }
    guard count >= d.minSentences, let span = first else { return [] }
    return [DetectorHit(range: span, score: min(d.maxScore, d.perSentence * count), note: "\(count) sentence(s) open with a task verb")]
}

private func view(_ b: [UInt8]) -> TextView { TextView(kind: .canonical, bytes: b, map: .identity(count: b.count), chain: []) }

struct ImperativeDensityReferenceTests {
    typealias RNG = PrefilterAutomatonTests.RNG

    static func make(maxBytes: Int) throws -> ImperativeDensityDetector {
        try ImperativeDensityDetector(params: [
            "verbs": .list(["explain", "can you", "write a", "how do", "summarize"].map { RuleValue.string($0) }),
            "max_bytes": .number(Double(maxBytes)), "score_per_sentence": .number(2), "max_score": .number(9),
        ])
    }

    /// Random texts of verbs, sentence marks, bullets, colons, quotes and words, around and past
    /// the `maxBytes` cut: the same hits as the byte loop.
    @Test func sameHitsAsTheByteLoop() throws {
        var rng = RNG(state: 11)
        let pieces = ["explain", "Explain", "can you", "write a", "how do", "summarize", "explained", " ", "  ", ". ", ".", "! ",
                      "? ", ":", ": ", "\n", "|", "- ", "* ", "\"", "'", "> ", "# ", "the", "notes", "following", "this",
                      "é", "x", "1."].map { Array($0.utf8) }
        for maxBytes in [256, 300, 65_536] {
            let d = try Self.make(maxBytes: maxBytes)
            for _ in 0..<400 {
                var b: [UInt8] = []
                let target = Int.random(in: 0...(maxBytes == 65_536 ? 400 : 340), using: &rng)
                while b.count < target { b += pieces.randomElement(using: &rng)! }
                let got = d.detect(view(b), context: ScanContext(target: .context))
                let want = detectReference(d, b)
                #expect(got.map(\.range) == want.map(\.range) && got.map(\.score) == want.map(\.score) && got.map(\.note) == want.map(\.note),
                        "text \(String(decoding: b, as: UTF8.self).debugDescription)")
            }
        }
    }

    /// A verb that starts before the `maxBytes` cut and ends the text counts; the byte loop read
    /// one byte past the text there and trapped.
    @Test func aVerbEndingTheTextPastTheCutCounts() throws {
        let d = try Self.make(maxBytes: 256)
        let b = Array((String(repeating: "a", count: 251) + ". explain").utf8)
        #expect(b.count == 260)
        let hits = d.detect(view(b), context: ScanContext(target: .context))
        #expect(hits.map(\.range) == [253..<260])
    }
}
