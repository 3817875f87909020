import Testing
import ParapetJSON
@testable import ParapetPolicy

@Suite struct RobustnessTests {
    static let engine: PolicyEngine = {
        let p = try! policy("""
        policy: p
        limits: { max_depth: 8, max_bytes: 4096, max_values: 200 }
        tools:
          t: { args: { n: { type: integer, min: 0, max: 10 }, s: { type: string, max_length: 100 } } }
        rules: [{ id: allow-t, effect: allow, tools: [t] }]
        """)
        return PolicyEngine(policy: p)
    }()

    func decide(_ json: String) -> PolicyDecision { Self.engine.decide(json: Array(json.utf8)) }

    @Test(arguments: [
        "", "not json", "{", "[1,2]", "{\"tool\": 5}", "{\"tool\": \"\"}", "{\"tool\": \"t\", \"args\": [1]}",
        "{\"tool\": \"t\", \"args\": \"{broken\"}", "{\"tool\": \"t\", \"untrusted\": [1]}",
        "{\"tool\": \"t\", \"args\": {\"n\": 1}}trailing",
    ])
    func malformedRequestsAreDeniedWithAReason(json: String) {
        let d = decide(json)
        #expect(d.effect == .deny)
        #expect(d.isError)
        #expect(d.rule == "policy.malformed-call")
        #expect(!d.reason.isEmpty)
    }

    @Test func wrongTypesAreDenied() {
        #expect(decide(#"{"tool":"t","args":{"n":"ten"}}"#).rule == "t.args.n")
        #expect(decide(#"{"tool":"t","args":{"n":11}}"#).reason.contains("at most 10"))
        #expect(decide(#"{"tool":"t","args":{"s":{"x":1}}}"#).effect == .deny)
        #expect(decide(#"{"tool":"t","args":{"n":3,"s":"ok"}}"#).effect == .allow)
        #expect(decide(#"{"tool":"t","args":"{\"n\":3}"}"#).effect == .allow, "args as a JSON string")
    }

    @Test func deepNestingIsDenied() {
        let deep = String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000)
        let d = decide(#"{"tool":"t","args":{"x":\#(deep)}}"#)
        #expect(d.effect == .deny && d.isError)
        var v: JSONValue = 1
        for _ in 0..<2_000 { v = .array([v]) }  // deeper values overflow the stack when Swift frees them, before Parapet sees them
        let built = Self.engine.decide(ToolCall(tool: "t", args: .object([("x", v)])), session: "s")
        #expect(built.effect == .deny && built.reason.contains("nested deeper"))
    }

    @Test func hugeArgumentsAreDenied() {
        let big = String(repeating: "a", count: 10_000)
        #expect(decide(#"{"tool":"t","args":{"x":"\#(big)"}}"#).effect == .deny)
        let many = (0..<500).map(String.init).joined(separator: ",")
        let d = decide(#"{"tool":"t","args":{"x":[\#(many)]}}"#)
        #expect(d.effect == .deny && d.isError)
    }

    @Test func invalidUTF8AndControlBytesNeverCrash() {
        var bytes = Array(#"{"tool":"t","args":{"s":""#.utf8)
        bytes += [0xFF, 0xC0, 0x80, 0xED, 0xA0, 0x80]
        bytes += Array(#""}}"#.utf8)
        let d = Self.engine.decide(json: bytes)
        #expect(d.effect == .allow, "invalid UTF-8 decodes to U+FFFD; the value is a short string")
        #expect(decide("{\"tool\":\"t\",\"args\":{\"s\":\"a\u{01}b\"}}").effect == .deny)
    }
}
