import ParapetJSON
import ParapetRegex

/// Decides tool calls against one policy, keeping per-session budgets and taint in a store.
///
/// Semantics (order of rules never matters): malformed call → deny; unknown tool → deny; a
/// broken tool argument requirement → deny; then every matching rule votes and deny beats ask
/// beats allow; no matching rule → deny (default deny); content findings and exhausted budgets
/// can only make the result stricter. Among rules with the winning effect the smallest id is
/// named, so the explanation is deterministic too.
public final class PolicyEngine: Sendable {
    public let policy: ToolPolicy
    public let store: any SessionStore
    public let clock: any PolicyClock
    public let contentChecker: (any ContentChecker)?
    let pool: ScratchPool

    public init(policy: ToolPolicy, store: any SessionStore = InMemorySessionStore(), clock: any PolicyClock = SystemClock(),
                contentChecker: (any ContentChecker)? = nil, matchLimits: MatchLimits = .default) {
        self.policy = policy
        self.store = store
        self.clock = clock
        self.contentChecker = contentChecker
        self.pool = ScratchPool(limits: matchLimits)
    }

    /// Marks `session` tainted and remembers `text` for argument provenance.
    public func addUntrusted(_ text: String, session: String, reason: String = "untrusted content") {
        store.withSession(session) { $0.addUntrusted(text, reason: reason) }
    }

    /// Feeds a Parapet scan score; at or above the policy's `taint_score` the session is flagged.
    public func noteScan(score: Int, rules: [String], session: String) {
        let threshold = policy.taintScore
        store.withSession(session) { $0.noteScan(score: score, threshold: threshold, rules: rules) }
    }

    /// Records a call a human approved after an `ask`, so it counts against the budgets.
    public func approve(_ call: ToolCall, session: String) {
        let cost = policy.tool(named: call.tool)?.cost ?? 0
        let now = clock.now()
        store.withSession(session) { $0.record(tool: call.tool, cost: cost, now: now) }
    }

    /// Decides a request from the CLI/JSONL shape: its `untrusted` strings enter the session first.
    public func decide(_ request: ToolCallRequest) -> PolicyDecision {
        for u in request.untrusted { addUntrusted(u, session: request.session) }
        return decide(request.call, session: request.session, profile: request.profile)
    }

    /// Parses and decides one JSON request; anything malformed is a deny with the parse error.
    public func decide(json bytes: [UInt8], profile: String? = nil) -> PolicyDecision {
        switch ToolCallRequest.parse(bytes, limits: policy.argLimits) {
        case .rejected(let d): return d
        case .request(var r):
            if r.profile == nil { r.profile = profile }
            return decide(r)
        }
    }

    /// The decision for `call` in `session`. An allowed call is counted against the budgets.
    public func decide(_ call: ToolCall, session: String, profile: String? = nil) -> PolicyDecision {
        if let problem = policy.argLimits.violation(call.args) { return .malformed(problem) }
        guard case .object = call.args else { return .malformed("arguments must be a JSON object, got \(call.args.typeName)") }
        guard let table = policy.table(for: profile) else {
            return PolicyDecision(.deny, rule: "policy.unknown-profile", reason: "profile '\(profile ?? "")' is not defined in policy '\(policy.name)'", isError: true)
        }
        guard let index = policy.toolIndex[call.tool] else {
            return PolicyDecision(.deny, rule: "policy.unknown-tool", reason: "tool \(quoted(call.tool)) is not in policy '\(policy.name)'")
        }
        let tool = policy.tools[index]
        let snapshot = store.withSession(session) { s in (s.tainted, s.injectionFlagged, s.provenance) }
        var decision = pool.withScratch { scratch in
            let ctx = EvalContext(provenance: snapshot.2, tainted: snapshot.0, injectionFlagged: snapshot.1, scratch: scratch)
            return evaluate(call, tool: tool, rules: table.rulesByTool[index], reasons: table.reasonsByTool[index], ctx)
        }
        if decision.effect != .deny, table.contentChecked[index], let checker = contentChecker,
           let content = ContentScan.run(call.args, checker: checker, settings: policy.contentChecks), content.effect > decision.effect {
            decision = content
        }
        guard decision.effect != .deny else { return decision }
        return admit(decision, tool: tool, maxCalls: table.maxCalls[index], budgets: table.budgets, session: session)
    }

    /// Tool requirements, then the rule vote.
    func evaluate(_ call: ToolCall, tool: ToolSpec, rules: [PolicyRule], reasons: [String], _ ctx: EvalContext) -> PolicyDecision {
        if tool.strictArgs, let members = call.args.objectValue {
            let declared = Set(tool.args.compactMap(\.path.rootKey))
            if let extra = members.first(where: { !declared.contains($0.key) }) {
                return PolicyDecision(.deny, rule: "\(tool.name).args", reason: "argument \(quoted(extra.key)) is not declared for '\(tool.name)'")
            }
        }
        var values: [JSONValue] = []
        for req in tool.args {
            values.removeAll(keepingCapacity: true)
            req.path.resolve(call.args, into: &values)
            if let why = req.constraint.violation(values, ctx) {
                return PolicyDecision(.deny, rule: "\(tool.name).args.\(req.path)", reason: "argument '\(req.path)' \(why)")
            }
        }
        var bestIndex: Int?
        for (i, rule) in rules.enumerated() where RuleMatcher.applies(rule, call.args, ctx) {
            if let k = bestIndex, rules[k].effect > rule.effect || (rules[k].effect == rule.effect && rules[k].id < rule.id) { continue }
            bestIndex = i
        }
        guard let bestIndex else {
            return PolicyDecision(.deny, rule: "policy.default-deny", reason: "no rule allows '\(tool.name)' (default deny)")
        }
        return PolicyDecision(rules[bestIndex].effect, rule: rules[bestIndex].id, reason: reasons[bestIndex])
    }

    /// Budget checks and, for an allow, the recording of the call, in one atomic step.
    func admit(_ d: PolicyDecision, tool: ToolSpec, maxCalls: Int?, budgets: Budgets, session: String) -> PolicyDecision {
        let now = clock.now()
        return store.withSession(session) { s in
            if let m = maxCalls, s.callsPerTool[tool.name, default: 0] >= m {
                return PolicyDecision(.deny, rule: "budget.tool-calls", reason: "'\(tool.name)' may be called at most \(m) times per session")
            }
            if let m = budgets.totalCalls, s.totalCalls >= m {
                return PolicyDecision(.deny, rule: "budget.total-calls", reason: "the session has used all \(m) tool calls")
            }
            if let m = budgets.costUnits, s.costUnits + tool.cost > m {
                return PolicyDecision(.deny, rule: "budget.cost-units", reason: "'\(tool.name)' costs \(tool.cost) and the session has \(m - s.costUnits) of \(m) cost units left")
            }
            if let m = budgets.callsPerMinute, s.callsInLastMinute(now: now) >= m {
                return PolicyDecision(.deny, rule: "budget.calls-per-minute", reason: "more than \(m) tool calls in one minute")
            }
            if d.effect == .allow { s.record(tool: tool.name, cost: tool.cost, now: now) }
            return d
        }
    }
}
