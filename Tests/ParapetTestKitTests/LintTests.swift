@testable import ParapetTestKit
import Parapet
import Testing

@Suite struct LintTests {
    func codes(_ pattern: String) -> [String] {
        BacktrackingAnalysis.risks(in: pattern, caseless: true).map(\.code.rawValue)
    }

    @Test(arguments: [
        ("(a+)+", ["L001"]),
        ("(a*)*b", ["L001"]),
        ("(?:\\w+\\s?)+$", ["L001"]),
        ("(?:\\w+\\s)+", []),
        ("(?>a+)+", []),
        ("(a++)+", []),
        ("(?:a|ab)*c", ["L002"]),
        ("(\\w|\\d)+", ["L002"]),
        ("(?:foo|bar)+", []),
        (".*a.*b", ["L003"]),
        ("\\s*\\s*x", ["L003"]),
        ("\\s*(?:message)?\\s*:", ["L003"]),
        ("\\W+\\w+", []),
        ("a{1,5}b{2,}", []),
        ("\\bignore\\b(?:\\W+\\w+){0,4}?\\W+instructions", []),
    ])
    func backtrackingShapes(_ pattern: String, _ expected: [String]) {
        #expect(codes(pattern) == expected, "\(pattern)")
    }

    @Test(arguments: [
        ("ignore\\s+previous", ["ignore", "previous"]),
        ("\\b(?:foo|barbaz)\\d+", ["barbaz", "foo"]),
        ("gh[pousr]_[A-Za-z0-9]{36}", ["ghp_", "gho_", "ghu_", "ghs_", "ghr_"]),
        ("\\w+\\s+\\w+", nil),
        ("(?:ab|cd)ef", ["abef", "cdef"]),
        ("x?yz", nil),
        ("a(?:bc)?d", nil),
        ("IGNORE", ["ignore"]),
    ] as [(String, [String]?)])
    func requiredLiterals(_ pattern: String, _ expected: [String]?) {
        // Lint reads the engine's extraction, so this checks the literals lint and scans share.
        let got = LiteralExtraction.requiredLiterals(of: pattern, caseless: true)?.map { String(decoding: $0, as: UTF8.self) }
        if let expected {
            // The longest-minimum candidate wins; compare as sets where several are equally good.
            #expect(got.map(Set.init) == Set(expected) || got.map { Set($0).isSubset(of: Set(expected)) } == true, "\(pattern): \(String(describing: got))")
        } else {
            #expect(got == nil, "\(pattern): \(String(describing: got))")
        }
    }

    @Test(arguments: [
        ("pi.override.ignore-previous", true), ("sec.github.token", true), ("a.b.c.d", true),
        ("pi.override", false), ("Pi.override.x", false), ("pi..x", false), ("pi.over_ride.x", false), ("pi.-x.y", false),
    ])
    func ids(_ id: String, _ ok: Bool) {
        #expect(RuleLinter.isWellFormedID(id) == ok)
    }

    static let bad = """
    rules:
      - id: Bad_ID
        summary: several problems
        applies_to: [input]
        score: 0
        patterns:
          - '(a+)+b'
          - '.*x.*y'
        examples:
          match: [aab]
          no_match: [b, c, d]
      - id: t.dup.one
        summary: one
        applies_to: [input]
        patterns: ['hello world']
        examples:
          match: [hello world, say hello world, hello world!]
          no_match: [hello, world, hi]
      - id: t.dup.two
        summary: two
        applies_to: [input]
        patterns: ['hello world']
        examples:
          match: [hello world, say hello world, hello world!]
          no_match: [hello, world, hi]
    """

    /// Golden: the exact lint text is user interface (codes, columns, wording).
    @Test func goldenDiagnostics() {
        let found = RuleLinter.lint([RuleSource(path: "bad.yaml", text: Self.bad)], registry: .standard).map(\.description)
        #expect(found == [
            "bad.yaml:2:5: error[L005]: 1 match example(s); every rule needs at least 3 [rule Bad_ID]\n  help: add texts the rule must catch under examples.match",
            "bad.yaml:2:5: error[L009]: rule id 'Bad_ID' does not follow family.subfamily.name [rule Bad_ID]\n  help: use lowercase words, digits and dashes in at least three dot-separated parts, e.g. pi.override.ignore-previous",
            "bad.yaml:2:5: warning[L010]: score 0 with action flag: the rule can never change a decision [rule Bad_ID]\n  help: give it a score (5 blocks alone, 2-3 needs company) or remove it",
            "bad.yaml:7:10: warning[L004]: pattern has no literal of 3+ characters that every match contains, so it runs on every text [rule Bad_ID]\n  help: declare `literals:` (strings one of which every match contains), or add a fixed word to the pattern",
            "bad.yaml:7:14: error[L001]: nested unbounded quantifiers: the same text can be split between the inner and outer repetition in exponentially many ways [rule Bad_ID]\n  help: make the inner or outer repetition possessive (`++`, `*+`) or atomic (`(?>...)`), bound it (`{1,20}`), or require a separator between iterations that the inner part cannot match",
            "bad.yaml:8:10: warning[L004]: pattern has no literal of 3+ characters that every match contains, so it runs on every text [rule Bad_ID]\n  help: declare `literals:` (strings one of which every match contains), or add a fixed word to the pattern",
            "bad.yaml:8:14: warning[L003]: two unbounded `.*`-like repeats in one pattern: a failing match costs quadratic time in the input length [rule Bad_ID]\n  help: bound the gaps (`.{0,200}`), merge adjacent repeats into one, or make one possessive",
            "bad.yaml:19:5: error[L007]: same patterns as rule 't.dup.one' (bad.yaml:12:5) [rule t.dup.two]\n  help: merge the two rules, keeping the examples of both",
            "bad.yaml:19:5: warning[L008]: every match example is also caught by rule 't.dup.one' (bad.yaml:12:5) [rule t.dup.two]\n  help: add examples only this rule catches, or merge it into 't.dup.one'",
        ])
    }

    @Test func compileErrorsComeThroughWithTheirCodes() {
        let text = "rules:\n  - id: t.x.y\n    summary: s\n    applies_to: [input]\n    patterns: ['(unclosed']\n    examples: {match: [a, b, c], no_match: [d, e, f]}\n"
        let found = RuleLinter.lint([RuleSource(path: "p.yaml", text: text)], registry: .standard)
        #expect(found.first?.description == "p.yaml:5:26: error[E006]: invalid pattern: missing closing parenthesis [rule t.x.y]")
    }

    @Test func defaultPackHasNoLintErrors() {
        let found = RuleLinter.lint(DefaultPack.ruleSources, registry: .standard)
        #expect(found.filter { $0.severity == .error }.map(\.description) == [])
        // A control space in one gate would slow every scan of the default pack.
        #expect(found.filter { $0.code == "L011" }.map(\.description) == [])
    }

    @Test func controlSpaceInADeclaredLiteralIsReported() {
        func rule(_ literals: String) -> String {
            // The raw view keeps `\s` any space, so no literal is extracted and the declared one gates.
            "rules:\n  - id: t.tab.gate\n    summary: s\n    applies_to: [input]\n    views: [raw, canonical]\n    literals: \(literals)\n"
                + "    patterns: ['(?:x|y)\\?\\s\\\\n']\n    examples: {match: [a, b, c], no_match: [d, e, f]}\n"
        }
        let tab = RuleLinter.lint([RuleSource(path: "t.yaml", text: rule(#"["?\t\\n"]"#))], registry: .standard)
        #expect(tab.filter { $0.code == "L011" }.map(\.description)
            == [#"t.yaml:2:5: warning[L011]: gate literal "?\t\\n" holds a tab, newline or other control space, which makes every scan of the pack run two literal passes [rule t.tab.gate]"#
                + "\n  help: use a space or drop the control byte from the literal (and, if needed, from the pattern's start)"])
        let space = RuleLinter.lint([RuleSource(path: "t.yaml", text: rule(#"["? \\n"]"#))], registry: .standard)
        #expect(space.filter { $0.code == "L011" }.isEmpty)
    }
}
