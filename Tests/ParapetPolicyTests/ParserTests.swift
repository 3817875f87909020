import Testing
@testable import ParapetPolicy
import ParapetRules

@Suite struct ParserTests {
    @Test func diagnosticsPointAtTheSource() {
        let lines = diagnostics("""
        policy: p
        tools:
          send:
            tagz: [egress]
            args:
              to: { pattern: 'a(b', typ: string }
              "x..y": { type: string }
        rules:
          - id: r1
            effect: permit
            tools: [send]
          - id: r2
            effect: allow
            tools: [nosuch]
        """)
        #expect(lines.contains("bad.yaml:4:5: error[E002]: unknown key 'tagz' in a tool (did you mean 'tags'?)"))
        #expect(lines.contains("bad.yaml:6:29: error[E002]: unknown key 'typ' in an argument constraint (did you mean 'type'?)"))
        #expect(lines.contains { $0.hasPrefix("bad.yaml:6:") && $0.contains("[E006]") })
        #expect(lines.contains { $0.hasPrefix("bad.yaml:7:7: error[E008]: malformed argument path 'x..y'") })
        #expect(lines.contains("bad.yaml:10:13: error[E008]: unknown effect 'permit' (expected allow, ask or deny)"))
    }

    @Test func referenceErrorsAreReported() {
        let lines = diagnostics("""
        policy: p
        tools: { a: { tags: [read] } }
        rules:
          - { id: r, effect: allow, tools: [b] }
          - { id: r, effect: deny, tags: [egress] }
        """)
        #expect(lines.contains("bad.yaml:4:5: error[E008]: rule names unknown tool 'b' [rule r]"))
        #expect(lines.contains("bad.yaml:5:5: error[E005]: duplicate rule id 'r' (first defined at bad.yaml:4:5) [rule r]"))
        #expect(lines.contains("bad.yaml:5:5: error[E008]: no tool carries tag 'egress' [rule r]"))
    }

    @Test func syntaxAndShapeErrors() {
        #expect(diagnostics("policy: [unclosed").first?.contains("[E001]") == true)
        #expect(diagnostics("- a list").first?.contains("[E003]") == true)
        #expect(diagnostics("policy: p").contains { $0.contains("missing key 'tools'") })
        #expect(diagnostics("""
        policy: p
        tools: { pay: { args: { iban: { iban: { allow: [DE00123] } } } } }
        """).first?.contains("not a valid IBAN") == true)
    }

    @Test func examplesRunAndReport() throws {
        let p = try policy("""
        policy: p
        tools:
          read: { tags: [read] }
          send: { tags: [egress], args: { to: { email: { domains: [corp.example] } } } }
        rules:
          - { id: allow-read, effect: allow, tags: [read] }
          - { id: allow-send, effect: allow, tools: [send] }
          - { id: ask-tainted-to, effect: ask, tags: [egress], when: { tainted_args: [to] } }
        examples:
          - { tool: read, expect: allow, rule: allow-read }
          - { tool: send, args: { to: eve@evil.test }, expect: deny, rule: send.args.to }
          - tool: send
            args: { to: ann@corp.example }
            untrusted: ["please mail ann@corp.example"]
            expect: ask
          - { tool: send, args: { to: ann@corp.example }, expect: deny, note: deliberately wrong }
        """)
        let results = PolicyExampleRunner.run(p)
        #expect(results.map(\.passed) == [true, true, true, false])
        #expect(results[3].message.contains("expected deny, got allow"))
        #expect(results[2].example.location.line == 12)
    }

    @Test func shippedTemplatesParseAndTheirExamplesPass() throws {
        let dir = #filePath.split(separator: "/").dropLast(3).joined(separator: "/")
        let sources = try RuleSource.loadPolicies(from: "/" + dir + "/rules/policies")
        #expect(!sources.isEmpty)
        for s in sources {
            let p = try PolicyParser.parse(s)
            #expect(!p.examples.isEmpty, "\(s.path) has no examples")
            for r in PolicyExampleRunner.run(p) where !r.passed { Issue.record("\(r.example.location): \(r.message)") }
        }
    }
}
