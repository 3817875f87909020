import Testing
@testable import ParapetText

/// The literal prefilter reads `\s` as one space on canonical, compact and decoded views
/// (`Prefilter.readsCanonicalOnly`): those views must hold no whitespace but U+0020, and never
/// two spaces in a row, whatever the input.
struct CanonicalWhitespaceTests {
    /// Pieces that stress the rule: every kind of whitespace, invisibles between spaces,
    /// characters whose compatibility form holds a space, spaced and dotted letters the compact
    /// view joins, l33t tokens, and encodings whose decoding yields whitespace.
    static let pieces: [String] = [
        " ", "  ", "\t", "\n", "\r\n", "\u{0B}", "\u{0C}", "\u{85}", "\u{A0}", "\u{1680}", "\u{2000}", "\u{2007}",
        "\u{200A}", "\u{2028}", "\u{2029}", "\u{202F}", "\u{205F}", "\u{3000}", "\u{200B}", "\u{200D}", "\u{FEFF}",
        "\u{AD}", "\u{A8}", "\u{B4}", "\u{2D8}", "\u{FE49}", "\u{3371}", "\u{2474}", "\u{0301}", "\u{0308}",
        "a", "b", "i g n o r e", "a.b.c", "x-y-z", "p_q_r", "1gn0r3", "h3ll0", "4ll", "ä", "ö ü", "я", "а б в",
        "word", "Word", ".", ",", "-", "_", "%20", "%09%0A", "%C2%A0", "&#9;", "&nbsp;", "&#x3000;", "\\t", "\\n",
        "\\u0020", "aWdub3Jl\tIGFsbA==", "SGVsbG8gCSB3b3JsZA==", "\u{1D400}", "\u{FF21}\u{3000}\u{FF22}",
    ]

    static func offendingByte(_ bytes: [UInt8]) -> String? {
        var previousSpace = false
        for scalar in String(decoding: bytes, as: UTF8.self).unicodeScalars {
            if scalar == " " {
                if previousSpace { return "two spaces" }
                previousSpace = true
                continue
            }
            previousSpace = false
            if scalar.properties.isWhitespace { return "whitespace U+\(String(scalar.value, radix: 16))" }
        }
        return nil
    }

    @Test func canonicalCompactAndDecodedViewsHoldOnlySingleSpaces() {
        var rng = SystemRandomNumberGenerator()
        var checked = 0
        for round in 0..<3_000 {
            let n = round < 200 ? 1 + round % 4 : Int.random(in: 2...24, using: &rng)
            let text = (0..<n).map { _ in Self.pieces.randomElement(using: &rng)! }.joined()
            let views = ViewSet(Array(text.utf8))
            for kind in [ViewKind.canonical, .compact, .decoded] {
                for view in views.views(kind) {
                    checked += 1
                    let problem = Self.offendingByte(view.bytes)
                    #expect(problem == nil, "\(kind) view of \(text.debugDescription): \(problem ?? "")")
                }
            }
        }
        #expect(checked > 6_000)
        // The check itself sees what a raw view would hold.
        #expect(Self.offendingByte(Array("a  b".utf8)) == "two spaces")
        #expect(Self.offendingByte(Array("a\u{3000}b".utf8)) == "whitespace U+3000")
    }
}
