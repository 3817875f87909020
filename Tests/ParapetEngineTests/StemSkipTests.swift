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

    /// The longest stem starting at `i` by direct comparison, where a stem may start: the
    /// reference for the table's bucket and two-byte look-ups.
    static func naiveMatch(_ stems: [String], _ b: [UInt8], _ i: Int) -> Int? {
        if b[i] < 0x80, i > 0, ByteClass.isWordByte(b[i - 1]) { return nil }
        if b[i] >= 0x80 && b[i] < 0xC0 { return nil }
        return stems.map { Array($0.utf8) }.filter { i + $0.count <= b.count && Array(b[i..<(i + $0.count)]) == $0 }.map(\.count).max()
    }

    @Test func matchesAreTheLongestStemAtEachPosition() {
        // One-byte stems match before any byte and at the text's end.
        let stems = ["ignor", "ignore", "in", "i", "x", "forget", "忽略", "忽", "игнор", "rule"]
        let table = StemTable(stems)
        var rng = SystemRandomNumberGenerator()
        var found = 0
        for _ in 0..<5_000 {
            var s = ""
            for _ in 0..<Int.random(in: 1...12, using: &rng) { s += Self.pieces.randomElement(using: &rng)! }
            let b = Array(s.utf8)
            for i in b.indices {
                let m = table.match(b, at: i)
                #expect(m == Self.naiveMatch(stems, b, i), "\(s.debugDescription) at \(i)")
                if m != nil { found += 1 }
            }
        }
        #expect(found > 5_000)
    }
}
