import Parapet
import Testing

/// `escalate:` gives a rule a stronger score and action from a paranoia level on.
@Suite struct EscalationTests {
    static let pack = """
    rules:
      - id: t.id.account
        summary: an account identifier
        applies_to: [output]
        score: 0
        action: flag
        escalate:
          paranoia: 2
          action: redact
        patterns: ['acct-([0-9]{6})']
      - id: t.weak.word
        summary: a weak word that blocks from PL3
        applies_to: [output]
        score: 2
        escalate:
          paranoia: 3
          score: 5
        patterns: ['tarragon']
    """

    @Test func identifierIsReportedAtPL1AndRedactedFromPL2() throws {
        let e = try engine(Self.pack)
        let text = "your ids: acct-123456 and acct-654321."
        let pl1 = e.scan(text, target: .output, paranoia: 1)
        #expect(pl1.decision == .allow)
        #expect(pl1.findings.map(\.action) == [.flag], "a flag stops at the first match")
        #expect(pl1.findings.first?.score == 0)
        #expect(pl1.sanitized == nil)
        for pl in 2...4 {
            let v = e.scan(text, target: .output, paranoia: pl)
            #expect(v.decision == .sanitize)
            #expect(v.findings.map(\.action) == [.redact, .redact], "a redaction needs every occurrence")
            #expect(v.sanitizedText == "your ids: acct-[REDACTED:account] and acct-[REDACTED:account].")
            #expect(v.findings.allSatisfy { $0.excerpt == "[REDACTED:account]" }, "an escalated redaction masks its excerpt too")
        }
    }

    @Test func scoreEscalatesWithoutChangingTheAction() throws {
        let e = try engine(Self.pack)
        #expect(e.scan("a tarragon sauce", target: .output, paranoia: 2).decision == .allow)
        let pl3 = e.scan("a tarragon sauce", target: .output, paranoia: 3)
        #expect(pl3.decision == .block)
        #expect(pl3.score == 5)
        #expect(pl3.findings.first?.action == .flag)
    }

    @Test func streamingFollowsTheEscalatedAction() throws {
        let e = try engine(Self.pack)
        let text = "chunked acct-123456 ids acct-777777 end"
        for pl in 1...2 {
            var s = OutputStreamValidator(engine: e, paranoia: pl)
            var out: [UInt8] = []
            let bytes = Array(text.utf8)
            for start in stride(from: 0, to: bytes.count, by: 5) { out += s.feed(bytes[start..<min(start + 5, bytes.count)]) }
            out += s.finish()
            let batch = e.scan(text, target: .output, paranoia: pl)
            #expect(out == Array((batch.sanitizedText ?? text).utf8), "PL\(pl): stream equals batch")
        }
    }

    @Test func badEscalationsAreReportedWithTheirRule() {
        func errors(_ escalate: String, paranoia: Int = 1) -> [String] {
            let yaml = """
            rules:
              - id: t.bad.escalate
                summary: bad
                applies_to: [output]
                paranoia: \(paranoia)
                escalate: \(escalate)
                patterns: ['x']
            """
            do {
                _ = try RuleCompiler(registry: .standard).compile([RuleSource(path: "e.yaml", text: yaml)])
                return []
            } catch {
                return error.diagnostics.map(\.message)
            }
        }
        #expect(errors("{paranoia: 1, action: redact}") == ["escalate paranoia must be above the rule's own (1) and at most 4, got 1"])
        #expect(errors("{paranoia: 3, action: redact}", paranoia: 3) == ["escalate paranoia must be above the rule's own (3) and at most 4, got 3"])
        #expect(errors("{paranoia: 5, action: redact}") == ["escalate paranoia must be above the rule's own (1) and at most 4, got 5"])
        #expect(errors("{action: redact}") == ["escalate needs a 'paranoia' level"])
        #expect(errors("{paranoia: 2}") == ["escalate needs a 'score' or an 'action'"])
        #expect(errors("{paranoia: 2, action: erase}") == ["unknown action 'erase' (expected flag, redact or block)"])
        #expect(errors("{paranoia: 2, scor: 3}").contains("unknown key 'scor' in escalate (did you mean 'score'?)"))
        #expect(errors("redact") == ["escalate must be a mapping with paranoia, and score and/or action"])
    }

    /// The compiled rule keeps what the scan loop reads off the spec; it must say what the
    /// spec says, at every level, for every rule of the default pack and this suite's pack.
    @Test func compiledRulesAnswerAsTheirSpecs() throws {
        let own = try RuleCompiler(registry: .standard).compile([RuleSource(path: "e.yaml", text: Self.pack)]).rules
        let rules = try RuleCompiler(registry: .standard).compile(DefaultPack.ruleSources).rules + own
        #expect(rules.contains { $0.spec.escalation != nil } && rules.contains { !$0.spec.sanitize.isEmpty })
        for rule in rules {
            for pl in 1...4 {
                #expect(rule.score(at: pl) == rule.spec.score(at: pl), "\(rule.id) PL\(pl)")
                #expect(rule.action(at: pl) == rule.spec.action(at: pl), "\(rule.id) PL\(pl)")
            }
            #expect(rule.id == rule.spec.id)
            #expect(rule.views == rule.spec.views)
            #expect(rule.hasSanitize == !rule.spec.sanitize.isEmpty)
            #expect(rule.placeholderLabel == rule.spec.placeholderLabel)
        }
    }
}
