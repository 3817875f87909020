import Parapet
import Testing

/// `--disable-rule` / `--rule-action`: a site changes a pack's rules without editing its files.
@Suite struct RuleOverridesTests {
    static let pack = """
    rules:
      - id: t.id.arn
        summary: an identifier, redacted
        applies_to: [output]
        score: 0
        action: redact
        patterns: ['arn-([0-9]{6})']
      - id: t.id.bucket
        summary: another identifier, redacted
        applies_to: [output]
        score: 0
        action: redact
        patterns: ['bucket-([a-z]{4})']
      - id: t.key.secret
        summary: a secret that blocks
        applies_to: [output]
        score: 5
        action: block
        patterns: ['sk-[0-9a-f]{8}']
    """

    static func compile(_ overrides: RuleOverrides) throws(RuleLoadError) -> Engine {
        let set = try RuleCompiler(registry: .standard).compile([RuleSource(path: "inline.yaml", text: pack)], overrides: overrides)
        return Engine(ruleSet: set)
    }

    static func entries(_ flags: [String], disable: [String] = []) throws -> RuleOverrides {
        try RuleOverrides.fromFlags(disable: disable, actions: flags).get()
    }

    let text = "arn-123456 in bucket-abcd, key sk-0123abcd"

    @Test func withoutOverridesThePackActsAsWritten() throws {
        let v = try Self.compile(RuleOverrides()).scan(text, target: .output)
        #expect(v.decision == .block)
        #expect(Set(v.ruleIDs) == ["t.id.arn", "t.id.bucket", "t.key.secret"])
    }

    @Test func disabledRuleIsNotCompiled() throws {
        let e = try Self.compile(try Self.entries([], disable: ["t.key.secret"]))
        #expect(!e.ruleSet.rules.map(\.spec.id).contains("t.key.secret"))
        let v = e.scan(text, target: .output)
        #expect(v.decision == .sanitize)
        #expect(v.sanitizedText == "arn-[REDACTED:arn] in bucket-[REDACTED:bucket], key sk-0123abcd")
    }

    @Test func prefixSelectorTurnsAFamilyToReportOnly() throws {
        let e = try Self.compile(try Self.entries(["t.id.*=report"], disable: ["t.key.secret"]))
        let v = e.scan(text, target: .output)
        #expect(v.decision == .allow, "report-only findings never change the verdict")
        #expect(Set(v.ruleIDs) == ["t.id.arn", "t.id.bucket"])
        #expect(v.findings.allSatisfy { $0.score == 0 && $0.action == .flag })
        #expect(v.sanitized == nil)
    }

    @Test func actionOverrideAppliesAtEveryParanoiaLevel() throws {
        let e = try Self.compile(try Self.entries(["t.id.arn=block"]))
        for pl in 1...4 {
            let v = e.scan("see arn-123456", target: .output, paranoia: pl)
            #expect(v.decision == .block, "a score-0 identifier now blocks by its action")
            #expect(v.findings.map(\.action) == [.block])
        }
    }

    @Test func laterEntryWinsForTheSameRule() throws {
        let e = try Self.compile(try Self.entries(["t.id.arn=report"], disable: ["t.id.*"]))
        #expect(e.ruleSet.rules.map(\.spec.id).sorted() == ["t.id.arn", "t.key.secret"])
    }

    @Test func overridesChangeThePackHash() throws {
        let plain = try Self.compile(RuleOverrides()).ruleSet.hash
        let changed = try Self.compile(try Self.entries(["t.id.*=report"])).ruleSet.hash
        #expect(plain != changed, "a verdict names the pack as it ran")
    }

    @Test func selectorThatMatchesNothingIsAnError() throws {
        do {
            _ = try Self.compile(try Self.entries(["t.typo.*=report"]))
            Issue.record("expected an error")
        } catch let error as RuleLoadError {
            #expect(error.diagnostics.map(\.code) == [.unmatchedOverride])
            #expect(error.description.contains("override 't.typo.*=report' matches no rule"))
            #expect(error.description.hasPrefix("--rule-action:1:1: error[E013]"))
        }
    }

    @Test func malformedFlagsAreExplained() {
        #expect(RuleOverrides.parseEntry("t.id.arn").failureMessage?.contains("expected RULE=ACTION") == true)
        #expect(RuleOverrides.parseEntry("t.id.arn=zap").failureMessage?.contains("unknown action 'zap'") == true)
        #expect(RuleOverrides.parseEntry("=report").failureMessage?.contains("rule id is empty") == true)
        #expect(RuleOverrides.parseEntry("t.*.arn=report").failureMessage?.contains("'*' may only end") == true)
        #expect(RuleOverrides.parseEntry(" t.id.* = Report ").successEntry == RuleOverrides.Entry(selector: "t.id.*", change: .reportOnly, origin: "--rule-action"))
    }
}

private extension Result where Success == RuleOverrides.Entry, Failure == OverrideParseError {
    var failureMessage: String? { if case .failure(let e) = self { e.message } else { nil } }
    var successEntry: RuleOverrides.Entry? { try? get() }
}
