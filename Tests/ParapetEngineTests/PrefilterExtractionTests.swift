import Testing
@testable import ParapetEngine

/// Table tests for literal extraction: what a pattern provably requires, or nil.
struct PrefilterExtractionTests {
    static func lits(_ p: String, caseless: Bool = true) -> [String]? {
        LiteralExtraction.requiredLiterals(of: p, caseless: caseless)?.map { String(decoding: $0, as: UTF8.self) }
    }

    @Test(arguments: [
        ("hello world", ["hello worl"]),   // cut to `LiteralSets.maxLength` bytes
        ("Hello", ["hello"]),
        (#"\bignore\s+previous\b"#, ["previous"]),
        ("(?:ignore|disregard) all", ["ignore all", "disregard "]),
        ("foo|barbaz", ["barbaz", "foo"]),
        (#"instructions?"#, ["instructio"]),
        (#"rules?"#, ["rule"]),
        ("ab+cd", ["bcd"]),
        ("abc{2}d", ["abccd"]),
        (#"\Qa.b*c\E"#, ["a.b*c"]),
        (#"\x41BC"#, ["abc"]),
        (#"(?<key>api)[_-]key"#, ["api"]),
        (#"(?i)token(?=\s)"#, ["token"]),
        ("(?#note)secret", ["secret"]),
        (#"<\|im_start\|>"#, ["<|im_start"]),
        ("x{,2}yzw", ["yzw"]),
        (#"\bgh[pousr]_[A-Za-z0-9]{36}"#, ["ghp_", "gho_", "ghu_", "ghs_", "ghr_"]),
        ("a{foo", ["a{foo"]),
        (#"-----BEGIN [A-Z ]*PRIVATE KEY-----"#, ["-----begin"]),
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
        #"\d{3}-\d{4}"#,
    ])
    func givesUp(_ pattern: String) {
        #expect(Self.lits(pattern) == nil)
    }

    @Test func nonASCIIOnlyWhenCaseSensitive() {
        #expect(LiteralExtraction.requiredLiterals(of: "grüße") == [NonASCIIGate.sentinel])
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
