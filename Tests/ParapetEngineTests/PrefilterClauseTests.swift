import Testing
import ParapetRegex
import ParapetText
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

    /// A literal that holds another of its set is dropped before literals are cut to their
    /// prefixes: cut, "shipping address" would become "shipping add", which "address" no
    /// longer covers and which "shipping addon" holds.
    @Test func literalsHoldingAnotherAreDroppedBeforeTheCut() throws {
        let got = try #require(Self.clauses("(?:saved |shipping |billing )?address(?:es)?"))
        #expect(got.first == ["address"], "\(got)")
        // A cut literal that holds no other stays, cut.
        #expect(Self.clauses("payment information|address")?.first == ["address", "payment info"])
    }

    /// A run that grows past the bound restarts at the new piece; the latest pieces of the old
    /// run joined with it are one more clause (`LiteralSets.restart`), after the others.
    @Test func restartedRunIsAClause() throws {
        let pattern = "(?:in|to|into|within) (?:your|the|each|every) (?:reply|response|answer|message|output|summary|translation)"
        let got = try #require(Self.clauses(pattern))
        // "within your " holds "in your ": the longer literal selects nothing more, cut or not.
        #expect(got.contains { $0.contains("in the ") && $0.contains("in your ") && !$0.contains { $0.hasPrefix("within") } })
        let joined = try #require(got.last)
        #expect(joined.contains(" the reply") && joined.contains(" your summar") && joined.count == 28, "\(joined.sorted())")
        // Without a restart the last clause would be the nouns alone.
        #expect(got.contains(["reply", "response", "answer", "message", "output", "summary", "translation"]))
    }

    /// Long products of alternations, in random case and with single-space, dash or no
    /// separators: every clause, restarted runs included, holds wherever PCRE2 matches (on the
    /// canonical view when the clauses are read for canonical text).
    @Test func restartedRunsHoldOnRandomProducts() throws {
        var rng = PrefilterAutomatonTests.RNG(state: 11)
        let pool = ["in", "to", "into", "the", "your", "each", "reply", "answer", "x", "ab", "cd", "Über", "summary", "Ärger"]
        let scratch = MatchScratch()
        var checked = 0, restarted = 0
        for _ in 0..<300 {
            let groups = (0..<Int.random(in: 3...5, using: &rng)).map { _ in
                Array(Set((0..<Int.random(in: 2...8, using: &rng)).map { _ in pool.randomElement(using: &rng)! }))
            }
            let seps = groups.map { _ in [" ", "", "-", #"\s+"#].randomElement(using: &rng)! }
            var source = ""
            for (k, g) in groups.enumerated() { source += (k == 0 ? "" : seps[k]) + "(?:" + g.joined(separator: "|") + ")" }
            for canonical in [false, true] {
                guard let clauses = LiteralExtraction.requiredClauses(of: source, caseless: true, canonicalSpace: canonical) else { continue }
                if clauses.count > 2 { restarted += 1 }
                let pattern = try Pattern(source)
                for _ in 0..<4 {
                    var text = "-"
                    for (k, g) in groups.enumerated() {
                        if k > 0 { text += seps[k] == #"\s+"# ? " " : seps[k] }
                        let w = g.randomElement(using: &rng)!
                        text += Bool.random(using: &rng) ? w.uppercased() : w
                    }
                    // A canonical-only pattern reads the canonical view (folded letters, single spaces).
                    let raw = Array((text + ".").utf8)
                    let bytes = canonical ? Canonicalizer.canonicalView(of: raw).bytes : raw
                    guard case .match = bytes.withUnsafeBufferPointer({ pattern.firstMatch(in: $0, scratch: scratch) }) else { continue }
                    checked += 1
                    for lits in clauses {
                        let ok = lits.contains { $0 == NonASCIIGate.sentinel ? bytes.contains { $0 >= 0x80 } : PrefilterAutomatonTests.contains(bytes, $0) }
                        #expect(ok, "\(source) on \(text): \(lits.map { String(decoding: $0, as: UTF8.self) })")
                    }
                }
            }
        }
        #expect(checked > 1_000 && restarted > 50, "checked \(checked), restarted \(restarted)")
    }

    /// Backtracking verbs match the empty text as far as literals go; `(*ACCEPT)` (a match may
    /// end there) and the `(*pla:…)` forms stay not understood.
    @Test func backtrackingVerbsAreEmpty() {
        #expect(Self.clauses(#"(?:\A(?!.*?\bto\s+https?://)(*COMMIT)(?!))?\bsend\s+.{0,9}\bhistory"#) == [["history"], ["send"]])
        #expect(Self.clauses("(*MARK:m)abcd(*PRUNE)efgh") == [["abcdefgh"]])
        #expect(Self.clauses("(*:m)abcd(*SKIP:m)(*THEN)x(*F)|wxyz") == [["abcdx", "wxyz"]])
        #expect(Self.clauses("abcd(*ACCEPT)efgh") == nil)
        #expect(Self.clauses("(*pla:abcd)abcd") == nil)
        #expect(Self.clauses("(*COMMIT") == nil)
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
