import Testing
@testable import ParapetJSON

@Suite struct ValidDocumentTests {
    static let cases: [(String, JSONValue)] = [
        ("null", .null),
        ("true", .bool(true)),
        (" false ", .bool(false)),
        ("0", .number("0")),
        ("-0", .number("-0")),
        ("1.50e+3", .number("1.50e+3")),
        ("-12.000E-07", .number("-12.000E-07")),
        ("123456789012345678901234567890", .number("123456789012345678901234567890")),
        ("\"\"", .string("")),
        ("\"plain text\"", .string("plain text")),
        ("\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\"", .string("a\"b\\c/d\u{8}\u{C}\n\r\t")),
        ("\"\\u0041\\u00e9\\u20AC\"", .string("Aé€")),
        ("\"\\u0000\"", .string("\u{0}")),
        ("\"héllo 日本\"", .string("héllo 日本")),
        ("[]", .array([])),
        ("{}", .object([])),
        (" [ 1 , \"a\" , null ] ", .array([.number("1"), .string("a"), .null])),
        ("\t\r\n{\"a\":{\"b\":[[]]}}\n", .object([(key: "a", value: .object([(key: "b", value: .array([.array([])]))]))])),
        ("{\"k\":1,\"k\":2}", .object([(key: "k", value: .number("1")), (key: "k", value: .number("2"))])),
    ]

    @Test(arguments: cases)
    func parsesExactly(_ input: String, _ expected: JSONValue) throws {
        #expect(try JSONParser.parse(input) == expected)
        #expect(try JSONParser.parse(Array(input.utf8)) == expected)
    }

    @Test func sliceAndRawBufferOverloadsAgree() throws {
        let bytes = Array("xx[1,{\"a\":true}]yy".utf8)
        let slice = bytes[2..<(bytes.count - 2)]
        let expected: JSONValue = [1, ["a": true]]
        #expect(try JSONParser.parse(slice) == expected)
        let viaRaw = try Array(slice).withUnsafeBytes { raw throws(JSONError) in try JSONParser.parse(raw) }
        #expect(viaRaw == expected)
    }

    @Test func longStringsTakeBothPaths() throws {
        // Lengths around the 8-byte scan stride, with the special byte at every position.
        for length in 0..<40 {
            let body = String(repeating: "x", count: length)
            #expect(try JSONParser.parse("\"\(body)\"") == .string(body))
            #expect(try JSONParser.parse("\"\(body)\\n\(body)\"") == .string(body + "\n" + body))
        }
    }

    @Test func parseObjectReturnsOrderedMembers() throws {
        let members = try JSONParser.parseObject(" {\"id\":7,\"text\":\"hi\",\"id\":8} ")
        #expect(members.map(\.key) == ["id", "text", "id"])
        #expect(members.map(\.value) == [.number("7"), .string("hi"), .number("8")])
    }

    @Test func parseObjectRejectsOtherShapes() {
        #expect(throws: JSONError(kind: .typeMismatch, offset: 0,
                                  message: "expected an object but the document is an array at byte 0")) {
            try JSONParser.parseObject("[1]")
        }
        #expect(throws: JSONError.self) { try JSONParser.parseObject("{\"a\":1,}") }
    }
}
