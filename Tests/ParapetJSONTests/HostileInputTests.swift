import Testing
@testable import ParapetJSON

/// A poor man's fuzzer: mutated documents must either parse or fail with an in-range offset.
@Suite struct HostileInputTests {
    static let seeds = [
        "{\"id\":1,\"text\":\"hello \\u00e9 \\ud83d\\ude00 world\",\"tags\":[true,false,null,-1.5e3]}",
        "[[[[{\"a\":[1,2,{\"b\":\"\\n\"}]}]]]]",
        "\"\\\\\\\"\\/\\b\\f\\n\\r\\t\\u0000\"",
    ]

    @Test(arguments: seeds)
    func mutationsNeverCrash(_ seed: String) {
        var rng = SplitMix64(seed: UInt64(seed.utf8.count))
        let original = Array(seed.utf8)
        let interesting: [UInt8] = [0x00, 0x22, 0x5C, 0x5B, 0x5D, 0x7B, 0x7D, 0x2C, 0x3A, 0x80, 0xC3, 0xED, 0xFF, 0x75, 0x30]
        for _ in 0..<3_000 {
            var bytes = original
            for _ in 0..<(1 + Int(rng.next() % 4)) { rng.edit(&bytes, interesting: interesting, anyInsert: true) }
            do {
                let value = try JSONParser.parse(bytes)
                // Whatever was accepted must survive a round trip through the writer.
                #expect(try JSONParser.parse(value.serializedBytes()) == value)
            } catch {
                #expect((0...bytes.count).contains(error.offset), "\(error.message)")
            }
        }
    }

    /// Every proper prefix of a valid object is incomplete, never "malformed".
    @Test(arguments: seeds)
    func truncationsAreUnexpectedEndAtTheCut(_ seed: String) {
        let doc = Array(seed.utf8)
        for n in 0..<doc.count {
            do {
                let value = try JSONParser.parse(doc[0..<n])
                Issue.record("prefix of \(n) bytes parsed as \(value)")
            } catch {
                #expect(error.kind == .unexpectedEnd, "\(n): \(error.message)")
                #expect(error.offset == n, "\(n): \(error.message)")
            }
        }
    }
}
