import Testing
@testable import ParapetEngine

/// The automaton against a naive search on random literals and texts.
struct PrefilterAutomatonTests {
    struct RNG: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return (state >> 33) ^ state
        }
    }

    static func contains(_ hay: [UInt8], _ needle: [UInt8]) -> Bool {
        guard needle.count <= hay.count else { return false }
        let folded = hay.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        for i in 0...(hay.count - needle.count) where Array(folded[i..<i + needle.count]) == needle { return true }
        return false
    }

    @Test func agreesWithNaiveSearch() {
        var rng = RNG(state: 42)
        let alphabet = Array("abcAB \u{e9}".utf8)
        for _ in 0..<300 {
            let literals = (0..<Int.random(in: 1...8, using: &rng)).map { _ in
                Prefilter.normalizeLiteral((0..<Int.random(in: 1...4, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! })
            }
            let text = (0..<Int.random(in: 0...40, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }
            let ac = AhoCorasick(literals)
            var found = Set<Int>()
            text.withUnsafeBufferPointer { ac.scan($0) { found.insert(Int($0)) } }
            let expected = Set(literals.indices.filter { Self.contains(text, literals[$0]) })
            #expect(found == expected, "literals \(literals) text \(text)")
        }
    }

    @Test func overlappingAndSuffixLiteralsAllReport() {
        let ac = AhoCorasick(["he", "she", "his", "hers"].map { Array($0.utf8) })
        var found = Set<Int32>()
        Array("uSHErs".utf8).withUnsafeBufferPointer { ac.scan($0) { found.insert($0) } }
        #expect(found == [0, 1, 3])
    }
}
