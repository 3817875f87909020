import Testing
import ParapetRegex
@testable import ParapetEngine

/// Table tests for literal extraction: what a pattern provably requires, or nil.
struct PrefilterExtractionTests {
    static func lits(_ p: String, caseless: Bool = true) -> [String]? {
        LiteralExtraction.requiredLiterals(of: p, caseless: caseless)?.map { String(decoding: $0, as: UTF8.self) }
    }

    @Test(arguments: [
        ("hello wonderful world", ["hello wonder"]),   // cut to `LiteralSets.maxLength` bytes
        ("Hello", ["hello"]),
        (#"\bignore\s+previous\b"#, ["previous"]),
        ("(?:ignore|disregard) all", ["ignore all", "disregard al"]),
        ("foo|barbaz", ["barbaz", "foo"]),
        (#"instructions?"#, ["instruction"]),
        (#"rules?"#, ["rule"]),
        ("ab+cd", ["bcd"]),
        (#"order\d{3}"#, ["order"]),     // not joined to `\d`: "order?" would be the sentinel
        ("abc{2}d", ["abccd"]),
        (#"\Qa.b*c\E"#, ["a.b*c"]),
        (#"\x41BC"#, ["abc"]),
        (#"(?<key>api)[_-]key"#, ["api"]),
        (#"(?i)token(?=\s)"#, ["token"]),
        ("(?#note)secret", ["secret"]),
        (#"<\|im_start\|>"#, ["<|im_start|>"]),
        ("x{,2}yzw", ["yzw"]),
        (#"\bgh[pousr]_[A-Za-z0-9]{36}"#, ["ghp_", "gho_", "ghu_", "ghs_", "ghr_"]),
        ("a{foo", ["a{foo"]),
        (#"-----BEGIN [A-Z ]*PRIVATE KEY-----"#, ["-----begin "]),
        (#"(abc)\1"#, ["abc"]),            // a back-reference is some text, maybe empty
        (#"x(abc)\1def"#, ["xabc"]),
        (#"['"]or 1"#, ["'or 1", "\"or 1"]),  // quote marks in a class are texts
        (#"[.!]abcd"#, ["abcd"]),            // other punctuation in a class stays opaque
    ])
    func extracts(_ pattern: String, _ expected: [String]) {
        #expect(Self.lits(pattern).map(Set.init) == Set(expected))
    }

    @Test(arguments: [
        "a|bc",                 // a branch shorter than three bytes
        "(?:abc)?def?",         // "de" only
        "foo|[a-z]+",           // one branch without a literal
        #"(?x) ignore \s+ all"#, // extended mode changes the syntax
        "(*UTF)abc",            // verbs
        #"(abc)\1"#.replacingOccurrences(of: "abc", with: "ab"),
        "(?(1)abc|def)",        // conditionals
        "(?R)abc",              // recursion (not understood, so nothing)
        #"\N{U+0041}bc"#,
        #"\d\d"#,              // two bytes, neither rare
        #"[\w.]+-[\w.]+"#,      // "-" is common in prose: no one-byte literal for it
        #"abcd\12"#,            // `\12` may be octal (a newline) or a back-reference
    ])
    func givesUp(_ pattern: String) {
        #expect(Self.lits(pattern) == nil)
    }

    /// `@` selects though it is one byte (prose seldom holds it); a set with it is still the
    /// least selective, so a longer literal of the same match wins.
    @Test func rareByteIsALiteral() {
        #expect(Self.lits(#"[\w.+-]+@[\w-]+\.[a-z]{2,}"#) == ["@"])
        #expect(Self.lits(#"[\w.]+@example\.com"#) == ["@example.com"])
        #expect(Self.lits(#"(?:@|account)\s*\d"#) == ["@", "account"])
        let clauses = LiteralExtraction.requiredClauses(of: #"forward\s+\w+\s+to\s+[\w.]+@\w+"#)?.map { $0.map { String(decoding: $0, as: UTF8.self) } }
        #expect(clauses == [["forward"], ["@"]])
    }

    /// `\d` is an ASCII digit or, under UCP, any other decimal digit (one non-ASCII character,
    /// the placeholder): a digit, a separator and a digit give the hundred ASCII texts beside the
    /// non-ASCII sentinel.
    @Test func digitSeparatorDigit() throws {
        let expected = Set((0...9).flatMap { a in (0...9).map { b in "\(a)-\(b)" } })
        for pattern in [#"\b\d{3,}-\d{3,}"#, #"\d{3}-\d{4}"#] {
            let got = try #require(LiteralExtraction.requiredLiterals(of: pattern))
            #expect(got.contains(NonASCIIGate.sentinel), "\(pattern)")
            #expect(Set(got.filter { $0 != NonASCIIGate.sentinel }.map { String(decoding: $0, as: UTF8.self) }) == expected, "\(pattern)")
        }
        // PCRE2 agrees that non-ASCII digits match `\d`: such a text must open the gate.
        let pattern = try Pattern(#"\b\d{3,}-\d{3,}"#)
        let scratch = MatchScratch()
        for text in ["call ٤٤١١-٢٢٩٠ now", "call １２３-４５６ now", "call 4411-2290 now", "call ४४१-२२९ now"] {
            let bytes = Array(text.utf8)
            let matched = bytes.withUnsafeBufferPointer { pattern.firstMatch(in: $0, scratch: scratch) }
            guard case .match = matched else { Issue.record("no match in \(text)"); continue }
            let lits = try #require(LiteralExtraction.requiredLiterals(of: #"\b\d{3,}-\d{3,}"#))
            let opens = lits.contains { $0 == NonASCIIGate.sentinel ? bytes.contains { $0 >= 0x80 } : PrefilterAutomatonTests.contains(bytes, $0) }
            #expect(opens, "\(text)")
        }
    }

    @Test func nonASCIIOnlyWhenCaseSensitive() {
        #expect(LiteralExtraction.requiredLiterals(of: "режим") == [NonASCIIGate.sentinel])
        // ü is met as ü or Ü; ß (whose partner ẞ lies outside Latin-1) only proves a non-ASCII byte.
        #expect(LiteralExtraction.requiredLiterals(of: "grüße").map(Set.init) == [Array("grü".utf8), Array("grÜ".utf8)])
        #expect(Self.lits("grüße", caseless: false) == ["grüße"])
        #expect(Self.lits("(?-i)grüße") == ["grüße"])
        #expect(Self.lits("straßenbahn") == ["enbahn"])
    }

    @Test func longSAndKelvinAreFoldedLikeTheScan() {
        #expect(Prefilter.normalizeLiteral(Array("Paſſ\u{212A}ey".utf8)) == Array("passkey".utf8))
        let ac = AhoCorasick([Array("passkey".utf8)])
        var hits = 0
        Array("my PAſS\u{212A}EY".utf8).withUnsafeBufferPointer { ac.scan($0) { _ in hits += 1 } }
        #expect(hits == 1)
    }
}
