import Hummingbird
import Parapet
import ParapetJSON

extension ParapetServer {
    /// `POST /v1/tool-check`: decides one tool call (`allow`, `deny`, `ask`) against a tool policy.
    func handleToolCheck(_ request: Request, context: some RequestContext) async -> Response {
        let started = ContinuousClock.now
        let response = await toolCheck(request, started: started)
        metrics.requestDuration(ContinuousClock.now - started, route: "/v1/tool-check", status: Int(response.status.code))
        return response
    }

    /// What the scan threads hand back: the decision, and the call's tool and session when it parsed.
    private struct ToolCheckOutcome: Sendable {
        let decision: PolicyDecision
        let tool: String?
        let session: String?
    }

    private func toolCheck(_ request: Request, started: ContinuousClock.Instant) async -> Response {
        // The pack is taken once: the whole decision uses one generation of rules and policies.
        let pack = store.current
        let policies = pack.policies
        guard let fallback = policies.defaultName else {
            return JSONResponses.error(.serviceUnavailable, code: "no_policy",
                                       "no tool policy is loaded; start the server with --policy FILE to enable /v1/tool-check")
        }
        let name = request.uri.queryParameters["policy"].map(String.init) ?? fallback
        guard let engine = policies.engines[name] else {
            return JSONResponses.error(.notFound, code: "unknown_policy",
                                       "policy '\(name.prefix(64))' is not loaded (loaded: \(policies.names.joined(separator: ", ")))")
        }
        guard let slot = runner.acquire() else { return shed() }
        defer { slot.release() }
        let body: [UInt8]
        switch await readBody(request) {
        case .success(let b): body = b
        case .failure(let r): return r.response
        }
        let requestID = nextRequestID()
        let guardian = pack.guardian
        // Untrusted content is scanned (CPU work), so the whole decision runs on the scan threads.
        let outcome = await runner.run(holding: slot, deadline: config.requestDeadline) { () -> ToolCheckOutcome in
            switch ToolCallRequest.parse(body, limits: engine.policy.argLimits) {
            case .rejected(let d):
                return ToolCheckOutcome(decision: d, tool: nil, session: nil)
            case .request(let r):
                // Session ids are store keys and audit fields: keep them short like /v1/scan's.
                guard r.session.utf8.count <= 256 else {
                    let d = PolicyDecision(.deny, rule: "policy.malformed-call", reason: "'session' must be at most 256 bytes", isError: true)
                    return ToolCheckOutcome(decision: d, tool: nil, session: nil)
                }
                for u in r.untrusted { guardian.inspectContext(u, session: r.session, policy: engine) }
                return ToolCheckOutcome(decision: engine.decide(r.call, session: r.session, profile: r.profile), tool: r.call.tool, session: r.session)
            }
        } ?? deadlineOutcome(requestID: requestID)
        let d = outcome.decision
        // Only tools the policy declares become label values, so callers cannot grow the metric without bound.
        let toolLabel: String
        if d.rule == "policy.malformed-call" {
            toolLabel = "_malformed"
        } else if let tool = outcome.tool {
            toolLabel = engine.policy.tool(named: tool) == nil ? "_unknown" : tool
        } else {
            toolLabel = "_undecided"
        }
        metrics.policyDecision(tool: toolLabel, decision: d.effect.rawValue)

        var w = JSONWriter(capacity: 256)
        w.beginObject()
        w.key("decision"); w.writeString(d.effect.rawValue)
        w.key("rule"); w.writeString(d.rule)
        w.key("reason"); w.writeString(d.reason)
        if d.isError { w.key("error"); w.writeBool(true) }
        w.key("request_id"); w.writeString(requestID)
        w.key("policy"); w.writeString(name)
        w.endObject()

        audit?.record(AuditEntry(
            requestID: requestID, route: "/v1/tool-check", packHash: pack.hash, session: outcome.session,
            target: "tool_call", decision: d.effect.rawValue, score: 0, rules: [d.rule], spans: [], limits: d.rule == Self.deadlineRule ? ["deadline"] : [],
            failMode: d.rule == Self.deadlineRule ? FailMode.closed.rawValue : nil,
            latencyMicros: Int(ServerMetrics.nanoseconds(ContinuousClock.now - started) / 1000), text: nil,
            tool: toolLabel, policy: name, policyPack: policies.hash, reason: d.reason
        ))
        return JSONResponses.json(.ok, w.bytes)
    }

    static let deadlineRule = "policy.deadline"

    /// A decision that missed the deadline is a deny: a tool call Parapet could not judge does not run.
    private func deadlineOutcome(requestID: String) -> ToolCheckOutcome {
        metrics.limitHit("deadline")
        logger.warning("tool-check deadline exceeded", metadata: ["request_id": "\(requestID)"])
        let d = PolicyDecision(.deny, rule: Self.deadlineRule, reason: "the decision did not finish within \(config.requestDeadline); denied (fail closed)")
        return ToolCheckOutcome(decision: d, tool: nil, session: nil)
    }
}
