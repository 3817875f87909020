import Parapet
import Testing

/// Findings on derived views must slice the original text exactly.
@Suite struct SpanTests {
    static let pack = """
    rules:
      - id: t.span.word
        summary: the word ignore
        applies_to: [input]
        views: [canonical]
        patterns: ['ignore previous']
      - id: t.span.secret
        summary: a token, value in group 1
        applies_to: [output]
        action: redact
        redact_as: token
        views: [raw]
        case_sensitive: true
        patterns: ['token=(tk_[a-z0-9]{8})']
    """

    @Test func canonicalFindingsMapBackThroughCaseAndWhitespace() throws {
        let text = "Héllo wörld!  IGNORE \n\t PREVIOUS orders"
        let v = try engine(Self.pack).scan(text, target: .input)
        let f = try #require(v.findings.first)
        #expect(v.slice(f, of: text) == "IGNORE \n\t PREVIOUS")
        #expect(f.view == .canonical)
    }

    @Test func nonASCIIPrefixesShiftByteOffsets() throws {
        let text = "日本語のテキスト ignore previous"
        let v = try engine(Self.pack).scan(text, target: .input)
        let f = try #require(v.findings.first)
        #expect(f.start == 25)
        #expect(v.slice(f, of: text) == "ignore previous")
    }

    @Test func redactionReplacesOnlyTheCapturedValue() throws {
        let text = "a token=tk_abcd1234 and token=tk_zzzz9999 — done ✓"
        let v = try engine(Self.pack).scan(text, target: .output)
        #expect(v.decision == .sanitize)
        #expect(v.sanitizedText == "a token=[REDACTED:token] and token=[REDACTED:token] — done ✓")
        #expect(v.findings.count == 2)
        #expect(v.findings.allSatisfy { $0.excerpt == "[REDACTED:token]" }, "secrets never appear in findings")
    }

    @Test func invalidUTF8IsScannedNotRejected() throws {
        var bytes = Array("xx ignore previous".utf8)
        bytes.insert(0xFF, at: 1)
        let v = try engine(Self.pack).scan(bytes, target: .input)
        let f = try #require(v.findings.first)
        #expect(Array(bytes[f.start..<f.end]) == Array("ignore previous".utf8))
    }
}
