import Parapet
import Testing

/// Rule files are composed without Yams' implicit type resolution; the reader decides types
/// itself. These pin the scalar readings that resolution used to decide.
@Suite struct YAMLScalarTests {
    func parse(_ body: String) -> (rules: [RuleSpec], diagnostics: [String]) {
        let text = "rules:\n  - id: test.yaml.scalar\n    applies_to: [input]\n" + body
        let r = RuleFileParser.parse(RuleSource(path: "t.yaml", text: text))
        return (r.rules, r.diagnostics.map(\.description))
    }

    @Test func emptyPlainAndNullTaggedValuesAreNoStrings() {
        #expect(parse("    summary:\n    patterns: ['x']\n").diagnostics == [
            "t.yaml:4:13: error[E004]: summary must be a string [rule test.yaml.scalar]",
        ])
        #expect(parse("    summary: !!null ''\n    patterns: ['x']\n").diagnostics.count == 1)
    }

    @Test func spelledOutNullsAndQuotedEmptiesStayStrings() {
        #expect(parse("    summary: null\n    patterns: ['x']\n").rules.first?.summary == "null")
        #expect(parse("    summary: ~\n    patterns: ['x']\n").rules.first?.summary == "~")
        #expect(parse("    summary: ''\n    patterns: ['x']\n").rules.first?.summary == "")
        #expect(parse("    summary: 12\n    patterns: [true]\n").rules.first?.patterns.first?.source == "true")
    }

    @Test func numbersBooleansAndParamsAreReadByTheReader() throws {
        let r = parse("""
                summary: s
                paranoia: 2
                score: '3'
                case_sensitive: yes
                max_fp_rate: 0.25
                detector: d
                params: {ratio: 0.5, strict: true, name: "7", off: FALSE, none: null, tilde: ~, list: [1, a]}

            """)
        #expect(r.diagnostics.isEmpty)
        let spec = try #require(r.rules.first)
        #expect(spec.paranoia == 2 && spec.score == 3 && spec.caseSensitive && spec.maxFPRate == 0.25)
        #expect(spec.detector?.params == [
            "ratio": .number(0.5), "strict": .bool(true), "name": .string("7"), "off": .bool(false),
            "none": .null, "tilde": .null, "list": .list([.number(1), .string("a")]),
        ])
    }

    @Test func duplicateKeysAreStillSyntaxErrors() {
        let d = parse("    summary: a\n    summary: b\n    patterns: ['x']\n").diagnostics
        #expect(d.count == 1)
        #expect(d.first?.contains("error[E001]: YAML: duplicate keys summary") == true)
    }
}
