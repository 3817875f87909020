import Testing
import ParapetRules
@testable import ParapetDetectors

/// The keyword-proximity loop skips positions before asking its stem tables; a skipped position
/// must be one where neither table could match. Random texts of stems, word fragments, spaces,
/// punctuation and multi-byte letters, every position.
struct StemSkipTests {
    static let verbs = StemTable(["ignor", "disregard", "forget", "vergiss", "忽略", "игнор"])
    static let objects = StemTable(["instruction", "rule", "anweisung", "指示", "правил"])
    static let pieces = ["ignore", "disregard", "forget", "instructions", "rules", "re", "ing", "the", " ", "  ", ".", "-", "_",
                         "é", "忽略", "指示", "игнорируй", "правила", "x", "1", "\n", "Ignore", "RULE"]

    @Test func skippedPositionsNeverMatch() {
        var rng = SystemRandomNumberGenerator()
        let starts = zip(Self.verbs.firstBytes, Self.objects.firstBytes).map { $0 || $1 }
        var matched = 0, skipped = 0
        for _ in 0..<5_000 {
            var s = ""
            for _ in 0..<Int.random(in: 1...16, using: &rng) { s += Self.pieces.randomElement(using: &rng)! }
            let b = Array(s.utf8)
            for i in b.indices {
                let found = Self.verbs.match(b, at: i) != nil || Self.objects.match(b, at: i) != nil
                let skip = !starts[Int(b[i])] || StemTable.cannotStart(b, at: i)
                if found { matched += 1; #expect(!skip, "\(s.debugDescription) at \(i)") }
                if skip { skipped += 1 }
            }
        }
        #expect(matched > 1_000)
        #expect(skipped > 10_000)
    }
}
