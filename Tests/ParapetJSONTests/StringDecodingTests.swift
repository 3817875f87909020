import Testing
@testable import ParapetJSON

@Suite struct StringDecodingTests {
    private func decode(_ bytes: [UInt8]) throws -> String? {
        try JSONParser.parse(bytes).stringValue
    }

    @Test func surrogatePairBecomesOneScalar() throws {
        #expect(try JSONParser.parse("\"\\ud83d\\ude00\"") == .string("😀"))
        #expect(try JSONParser.parse("\"a\\uD83D\\uDE00b\"") == .string("a😀b"))
    }

    @Test(arguments: [
        ("\"\\ud800\"", "\u{FFFD}"),
        ("\"\\udc00\"", "\u{FFFD}"),
        ("\"\\ud800x\"", "\u{FFFD}x"),
        ("\"\\ud800\\u0041\"", "\u{FFFD}A"),
        ("\"\\ud800\\ud800\\udc00\"", "\u{FFFD}\u{10000}"),
        ("\"\\ude00\\ud83d\"", "\u{FFFD}\u{FFFD}"),
        ("\"\\ud800\\n\"", "\u{FFFD}\n"),
    ])
    func unpairedSurrogatesBecomeReplacement(_ input: String, _ expected: String) throws {
        #expect(try JSONParser.parse(input) == .string(expected))
    }

    @Test func highSurrogateThenBadEscapeStillErrors() {
        #expect(throws: JSONError.self) { try JSONParser.parse("\"\\ud800\\uZZZZ\"") }
    }

    @Test func invalidUTF8IsReplacedOnTheFastPath() throws {
        let q: UInt8 = 0x22
        #expect(try decode([q, 0x61, 0xFF, 0x62, q]) == "a\u{FFFD}b")
        #expect(try decode([q, 0xC3, q]) == "\u{FFFD}")                   // truncated sequence
        #expect(try decode([q, 0xC0, 0xAF, q]) == "\u{FFFD}\u{FFFD}")     // overlong '/'
        #expect(try decode([q, 0xED, 0xA0, 0x80, q]) == "\u{FFFD}\u{FFFD}\u{FFFD}") // encoded surrogate
        #expect(try decode([q, 0xC3, 0xA9, q]) == "é")
    }

    @Test func invalidUTF8IsReplacedOnTheEscapePath() throws {
        let q: UInt8 = 0x22, bs: UInt8 = 0x5C
        // A dangling lead byte before an escape must not swallow the escaped character.
        #expect(try decode([q, 0xE2, bs, 0x6E, q]) == "\u{FFFD}\n")
        #expect(try decode([q, bs, 0x6E, 0x80, 0x41, q]) == "\n\u{FFFD}A")
        #expect(try decode(Array("\"\\u00e9".utf8) + [0xA9, q]) == "é\u{FFFD}")
    }

    @Test func escapedNulIsKept() throws {
        let s = try #require(try JSONParser.parse("\"a\\u0000b\"").stringValue)
        #expect(Array(s.utf8) == [0x61, 0x00, 0x62])
    }

    @Test func keysAreDecodedLikeStrings() throws {
        let v = try JSONParser.parse("{\"\\u0041\\ud83d\\ude00\":1}")
        #expect(v[key: "A😀"] == .number("1"))
    }
}
