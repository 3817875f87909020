import Testing
@testable import ParapetJSON

@Suite struct InvalidDocumentTests {
    /// Input, expected kind, expected byte offset.
    static let cases: [(String, JSONError.Kind, Int)] = [
        ("", .unexpectedEnd, 0),
        ("   ", .unexpectedEnd, 3),
        ("x", .syntax, 0),
        ("[1,]", .syntax, 3),
        ("{\"a\":1,}", .syntax, 7),
        ("[1 2]", .syntax, 3),
        ("{\"a\" 1}", .syntax, 5),
        ("{a:1}", .syntax, 1),
        ("{\"a\":1", .unexpectedEnd, 6),
        ("[", .unexpectedEnd, 1),
        ("01", .syntax, 0),
        ("-01", .syntax, 1),
        ("1.", .unexpectedEnd, 2),
        ("1.e3", .syntax, 2),
        ("1e", .unexpectedEnd, 2),
        ("1e+x", .syntax, 3),
        ("-", .unexpectedEnd, 1),
        ("+1", .syntax, 0),
        (".5", .syntax, 0),
        ("NaN", .syntax, 0),
        ("tru", .unexpectedEnd, 3),
        ("trux", .syntax, 3),
        ("nul", .unexpectedEnd, 3),
        ("\"abc", .unexpectedEnd, 4),
        ("\"a\nb\"", .syntax, 2),
        ("\"a\u{0}b\"", .syntax, 2),
        ("\"\\x\"", .syntax, 1),
        ("\"\\u12G4\"", .syntax, 5),
        ("\"\\u12", .unexpectedEnd, 5),
        ("\"abc\\", .unexpectedEnd, 5),
        ("{} {}", .syntax, 3),
        ("1 x", .syntax, 2),
        ("[1]\u{0}", .syntax, 3),
        ("\u{FEFF}1", .syntax, 0),
        ("'a'", .syntax, 0),
        ("[1,,2]", .syntax, 3),
    ]

    @Test(arguments: cases)
    func rejectsWithKindAndOffset(_ input: String, _ kind: JSONError.Kind, _ offset: Int) {
        do {
            let value = try JSONParser.parse(input)
            Issue.record("accepted \(input.debugDescription) as \(value)")
        } catch {
            #expect(error.kind == kind, "\(input.debugDescription): \(error.message)")
            #expect(error.offset == offset, "\(input.debugDescription): \(error.message)")
            #expect(error.message.contains("at byte \(offset)"))
        }
    }

    @Test func messagesAreReadable() {
        #expect(throws: JSONError(kind: .syntax, offset: 17,
                                  message: "unexpected character 'x' at byte 17 (expected end of input)")) {
            try JSONParser.parse("{\"key\": \"value\"} x")
        }
        #expect(throws: JSONError(kind: .syntax, offset: 1,
                                  message: "unexpected byte 0x00 at byte 1 (expected a value)")) {
            try JSONParser.parse("[\u{0}]")
        }
    }

    @Test func invalidUTF8OutsideStringsIsASyntaxError() {
        #expect(throws: JSONError.self) { try JSONParser.parse([0x5B, 0xFF, 0x5D]) }
    }
}
