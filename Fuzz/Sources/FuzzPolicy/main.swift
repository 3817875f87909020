#if canImport(Glibc)
import Glibc
#endif
import FuzzCommon
import Parapet
import ParapetJSON

// Policy files and decisions. The first byte picks the mode: even = the rest is a policy file
// (parse, then decide a few calls with it); odd = the rest is a tool-call request decided by
// every shipped and scenario policy. Malformed input must always be a deny.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPolicy(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = fuzzBytes(data, count)
    guard let mode = bytes.first else { return 0 }
    let body = Array(bytes.dropFirst())
    if mode & 1 == 0 {
        fuzzPolicyFile(body)
    } else {
        for policy in PolicyFixtures.policies { fuzzRequest(body, policy: policy) }
    }
    return 0
}

enum PolicyFixtures {
    static let guardian = try! Guard()

    /// The default pack's policies and the scenario policies of corpus/tool-calls.
    static let policies: [ToolPolicy] = {
        var sources = DefaultPack.policySources
        let root = String(#filePath.split(separator: "/", omittingEmptySubsequences: false).dropLast(4).joined(separator: "/"))
        for name in ["banking", "email-calendar", "travel", "workspace-files", "chat-workspace"] {
            let path = root + "/corpus/tool-calls/\(name)/policy.yaml"
            if let f = fopen(path, "r") {
                var text: [UInt8] = []
                var buf = [UInt8](repeating: 0, count: 4096)
                while true {
                    let n = fread(&buf, 1, buf.count, f)
                    if n <= 0 { break }
                    text += buf[0..<n]
                }
                fclose(f)
                sources.append(RuleSource(path: path, text: String(decoding: text, as: UTF8.self)))
            }
        }
        return sources.map { try! PolicyParser.parse($0) }
    }()
}

func fuzzRequest(_ body: [UInt8], policy: ToolPolicy) {
    let engine = PolicyFixtures.guardian.policyEngine(policy, store: InMemorySessionStore(), clock: ManualClock())
    let d = engine.decide(json: body)
    require(!d.rule.isEmpty && !d.reason.isEmpty, "decision without a rule or reason: \(d)")
    switch ToolCallRequest.parse(body, limits: policy.argLimits) {
    case .rejected:
        require(d.effect == .deny && d.isError, "malformed request decided \(d)")
    case .request(let r):
        if policy.tool(named: r.call.tool) == nil { require(d.effect == .deny, "unknown tool '\(r.call.tool)' decided \(d)") }
        if case .object = r.call.args {} else { require(d.effect == .deny, "non-object arguments decided \(d)") }
    }
    if (try? JSONParser.parseObject(body)) == nil { require(d.effect == .deny, "unparsable request decided \(d)") }
}

func fuzzPolicyFile(_ body: [UInt8]) {
    let policy: ToolPolicy
    do {
        policy = try PolicyParser.parse(RuleSource(path: "fuzz-policy.yaml", text: String(decoding: body, as: UTF8.self)))
    } catch {
        require(!error.diagnostics.isEmpty, "policy rejected without a diagnostic")
        for d in error.diagnostics { require(d.location.line >= 1 && d.location.column >= 1, "diagnostic without a position: \(d)") }
        return
    }
    let engine = PolicyEngine(policy: policy, store: InMemorySessionStore(), clock: ManualClock())
    for tool in policy.tools.prefix(6) {
        for args in [JSONValue.object([]), .object([("path", .string("/workspace/../etc/passwd")), ("url", .string("http://user@10.0.0.1/x"))])] {
            let d = engine.decide(ToolCall(tool: tool.name, args: args), session: "s")
            require(!d.rule.isEmpty, "decision without a rule")
        }
        let bad = engine.decide(ToolCall(tool: tool.name, args: .array([])), session: "s")
        require(bad.effect == .deny, "array arguments decided \(bad)")
    }
    let malformed = engine.decide(json: Array("{\"tool\": ".utf8))
    require(malformed.effect == .deny && malformed.isError, "truncated request decided \(malformed)")
    let unknown = engine.decide(ToolCall(tool: "\u{0}no-such-tool", args: .object([])), session: "s")
    require(unknown.effect == .deny, "unknown tool decided \(unknown)")
}
