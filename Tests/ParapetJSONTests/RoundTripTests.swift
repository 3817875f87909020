import Testing
@testable import ParapetJSON

@Suite struct RoundTripTests {
    @Test(arguments: [
        "{\"id\":1,\"text\":\"hello\\nworld\",\"n\":[1.50e+3,-0,0.1,1E400],\"ok\":true,\"z\":null}",
        "[\"\\u0000\\u001f\\\"\\\\\",{\"\":{\"\":[]}},\"😀\\ud83d\\ude00\"]",
        "{\"dup\":1,\"dup\":2}",
        "\"\\ud800 lone\"",
    ])
    func parseSerializeParse(_ input: String) throws {
        let first = try JSONParser.parse(input)
        let text = first.serialized()
        let second = try JSONParser.parse(text)
        #expect(second == first)
        #expect(second.serialized() == text)
    }

    @Test func numberTextIsPreservedExactly() throws {
        let v = try JSONParser.parse("[1.50e+3,100000000000000000000000001,-0.0e-0]")
        #expect(v.serialized() == "[1.50e+3,100000000000000000000000001,-0.0e-0]")
    }

    /// Seeded random documents, including control characters, quotes, non-ASCII and NUL.
    @Test func randomValuesRoundTrip() throws {
        var rng = SplitMix64(seed: 0x5EED)
        for _ in 0..<300 {
            let value = randomValue(&rng, depth: 0)
            let bytes = value.serializedBytes()
            #expect(try JSONParser.parse(bytes) == value)
        }
    }

    private func randomValue(_ rng: inout SplitMix64, depth: Int) -> JSONValue {
        switch rng.next() % (depth > 4 ? 4 : 6) {
        case 0: return .null
        case 1: return .bool(rng.next() % 2 == 0)
        case 2:
            let numbers = ["0", "-1", "3.25", "1e10", "-2.5E-3", "12345678901234567890"]
            return .number(numbers[Int(rng.next() % UInt64(numbers.count))])
        case 3: return .string(randomString(&rng))
        case 4: return .array((0..<Int(rng.next() % 4)).map { _ in randomValue(&rng, depth: depth + 1) })
        default:
            return .object((0..<Int(rng.next() % 4)).map { _ in
                (key: randomString(&rng), value: randomValue(&rng, depth: depth + 1))
            })
        }
    }

    private func randomString(_ rng: inout SplitMix64) -> String {
        let alphabet: [Unicode.Scalar] = ["a", "Z", "\"", "\\", "/", "\u{0}", "\n", "\u{1F}", "é", "€", "😀", "\u{FFFD}", " "]
        var s = String.UnicodeScalarView()
        for _ in 0..<Int(rng.next() % 24) { s.append(alphabet[Int(rng.next() % UInt64(alphabet.count))]) }
        return String(s)
    }
}

/// Small deterministic generator so failures reproduce.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension SplitMix64 {
    /// One random edit of `bytes`: a byte of `interesting` written over one, one removed, or one
    /// inserted (any byte when `anyInsert`, else one of `interesting`); never left empty.
    mutating func edit(_ bytes: inout [UInt8], interesting: [UInt8], anyInsert: Bool) {
        let at = Int(next() % UInt64(bytes.count))
        switch next() % 3 {
        case 0: bytes[at] = interesting[Int(next() % UInt64(interesting.count))]
        case 1: bytes.remove(at: at)
        default: bytes.insert(anyInsert ? UInt8(truncatingIfNeeded: next()) : interesting[Int(next() % UInt64(interesting.count))], at: at)
        }
        if bytes.isEmpty { bytes = [0x20] }
    }
}
