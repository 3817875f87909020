import Testing
import Parapet
import ParapetJSON

/// Tool-argument limits (nesting depth, value count, total bytes) and malformed requests: each is
/// a deny marked as an error, never an allow and never a crash, with a shallow control allowed.
@Suite("Limits: tool arguments")
struct LimitsPolicyTests {
    static let policy = try! PolicyParser.parse(RuleSource(path: "limits-policy.yaml", text: """
        policy: limits-test
        tools:
          note: { tags: [write] }
        rules:
          - { id: allow-note, effect: allow, tags: [write] }
        """))

    func decide(_ args: JSONValue) -> PolicyDecision {
        PolicyEngine(policy: Self.policy).decide(ToolCall(tool: "note", args: args), session: "s")
    }

    static func nested(_ depth: Int) -> JSONValue {
        var v = JSONValue.string("x")
        for _ in 0..<depth { v = .object([("a", v)]) }
        return v
    }

    @Test("shallow arguments within every limit are allowed (the control)")
    func control() {
        let d = decide(Self.nested(ArgLimits.default.maxDepth))
        #expect(d.effect == .allow, "\(d)")
        #expect(!d.isError)
    }

    @Test("arguments nested past the depth limit are denied as malformed")
    func depth() {
        let d = decide(Self.nested(ArgLimits.default.maxDepth + 1))
        #expect(d.effect == .deny)
        #expect(d.isError)
        #expect(d.reason.contains("nested deeper"), "\(d)")
    }

    @Test("too many values and too many bytes are denied as malformed")
    func sizeLimits() {
        let many = JSONValue.object([("items", .array(Array(repeating: .number("1"), count: ArgLimits.default.maxValues + 1)))])
        let big = JSONValue.object([("text", .string(String(repeating: "z", count: ArgLimits.default.maxBytes + 1)))])
        for args in [many, big] {
            let d = decide(args)
            #expect(d.effect == .deny)
            #expect(d.isError, "\(d)")
        }
    }

    @Test("requests as bytes: 100,000 levels of nesting, truncation, wrong shapes are denied",
          arguments: [
            "{\"tool\":\"note\",\"args\":" + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "}",
            "{\"tool\":\"note\",\"args\":{\"a\":",
            "{\"tool\":\"note\",\"args\":[1,2]}",
            "{\"tool\":\"note\",\"args\":\"{\\\"a\\\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}\"}",
            "[\"note\"]",
            "",
          ])
    func malformedBytes(_ request: String) {
        let d = PolicyEngine(policy: Self.policy).decide(json: Array(request.utf8))
        #expect(d.effect == .deny, "\(d)")
    }

    @Test("the same request, well formed, is allowed")
    func bytesControl() {
        let d = PolicyEngine(policy: Self.policy).decide(json: Array("{\"tool\":\"note\",\"args\":{\"a\":[1,2]}}".utf8))
        #expect(d.effect == .allow, "\(d)")
    }
}
