import Testing
@testable import ParapetEngine

/// Conjunctions of required literal sets, and escapes / classes that only name non-ASCII
/// characters.
struct PrefilterClauseTests {
    static func clauses(_ p: String, caseless: Bool = true) -> [Set<String>]? {
        LiteralExtraction.requiredClauses(of: p, caseless: caseless)?.map { Set($0.map { $0 == NonASCIIGate.sentinel ? "<>" : String(decoding: $0, as: UTF8.self) }) }
    }

    static let conjunctions: [(String, [[String]])] = [
        (#"\bsend\b.{0,40}\bhistory\b"#, [["history"], ["send"]]),
        (#"(?:how to|explain)\W+(?:\w+\s+){0,5}(?:malware|botnet)"#, [["explain", "how to"], ["botnet", "malware"]]),
        (#"(?:abc|def)\s+(?:x|y)\s+ghij"#, [["ghij"], ["abc", "def"]]),
        // Inside an alternation branch a conjunction cannot be kept (the other branch has none).
        (#"(?:send.*history)|mailbox"#, [["mailbox", "history"]]),
    ]

    @Test(arguments: Self.conjunctions)
    func everyMandatoryPieceIsAClause(_ pattern: String, _ expected: [[String]]) {
        let got = Self.clauses(pattern)
        #expect(got.map(Set.init) == Set(expected.map(Set.init)))
        #expect(got?.first.map { Set($0) } == PrefilterExtractionTests.lits(pattern).map(Set.init))
    }

    @Test func clausesAreBounded() {
        let pattern = (0..<10).map { "word\($0)x" }.joined(separator: #"\s+"#)
        #expect(Self.clauses(pattern)?.count == LiteralSets.maxClauses)
    }

    /// A cased non-ASCII escape proves a non-ASCII byte, unless it is a Latin-1 letter (met as
    /// one of its two cases); an uncased one (bidi and zero-width controls) is its own bytes
    /// (`PrefilterNonASCIITests` covers the wide classes).
    @Test(arguments: [
        (#"\x{416}"#, ["<>"]),
        (#"[\x{410}-\x{42F}]"#, ["<>"]),
        (#"\x{202E}"#, ["\u{202E}"]),
        (#"[\x{202A}-\x{202E}\x{2066}-\x{2069}]"#, (0x202A...0x202E).map { String(UnicodeScalar($0)!) } + (0x2066...0x2069).map { String(UnicodeScalar($0)!) }),
        (#"\w[\x{200B}\x{2060}\x{FEFF}]\w"#, ["\u{200B}", "\u{2060}", "\u{FEFF}"]),
        (#"abcd\x{416}ef"#, ["abcd"]),
        (#"abcd\x{E9}ef"#, ["abcdéef", "abcdÉef"]),
    ])
    func nonASCIIEscapesNeedANonASCIIByte(_ pattern: String, _ expected: [String]) {
        #expect(Self.clauses(pattern)?.first == Set(expected))
    }

    @Test(arguments: [
        #"[\x{100}-\x{200}]"#,   // holds U+017F (long s), caseless partner of "s"
        #"[\x{2120}-\x{212F}]"#, // holds U+212A (Kelvin sign), partner of "k"
        #"[^\x{202E}]"#,         // negated: matches ASCII
        #"[a\x{202E}]"#,         // an ASCII member
        #"\x{212A}"#,
    ])
    func classesThatCanMatchASCIIGiveNothing(_ pattern: String) {
        #expect(Self.clauses(pattern) == nil)
    }

    @Test func caseSensitiveEscapeIsItsBytes() {
        #expect(Self.clauses(#"\x{E9}t\x{E9}"#, caseless: false)?.first == ["été"])
    }

    @Test func caseSensitivePatternsKeepTheirCase() {
        func exact(_ p: String) -> [[String]]? {
            LiteralExtraction.exactCaseClauses(of: p)?.map { $0.map { String(decoding: $0, as: UTF8.self) } }
        }
        #expect(exact(#"\bAKIA[0-9A-Z]{16}\b"#) == [["AKIA"]])
        #expect(exact(#"[a-z]{2,} (?:SAY|Write)\b"#) == [[" SAY", " Write"]])
        // Caseless anywhere: no exact-case literal (the folded extraction still applies).
        #expect(exact(#"AKIA(?i)[a-z]{4}"#) == nil)
        #expect(exact(#"(?i:AKIA)"#) == nil)
        #expect(LiteralExtraction.requiredClauses(of: #"\bAKIA[0-9A-Z]{16}\b"#, caseless: false) == [[Array("akia".utf8)]])
    }

    /// The literal pass checks a case-sensitive literal in its case: the folded automaton hit on
    /// "say" does not select a rule whose pattern needs "SAY".
    @Test func exactCaseLiteralIsCheckedInItsCase() throws {
        let yaml = """
        rules:
          - id: test.shout
            summary: shouted order
            applies_to: [input]
            views: [raw]
            case_sensitive: true
            patterns:
              - '[a-z]{2,} SAY(?: [A-Z]+){2}'
        """
        let p = try engine(yaml).prefilter
        func selected(_ text: String) -> Bool {
            var bits = p.emptyCandidates()
            p.mark(Array(text.utf8), mask: Prefilter.bit(.raw), into: &bits)
            return p.anySelected(0, in: bits)
        }
        #expect(selected("where SAY NO MORE"))
        #expect(!selected("where say no more"))
        #expect(!selected("where Say no more"))
    }
}
