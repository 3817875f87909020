import ParapetRules

/// The outcome of one policy example: what was expected, what the policy decided.
public struct PolicyExampleResult: Sendable {
    public let example: PolicyExample
    public let decision: PolicyDecision
    public let passed: Bool
    /// `file:line:col: PASS|FAIL [policy] tool: expected …, got …` — one line for `parapet test`.
    public let message: String
}

/// Runs a policy's `examples`, each in a fresh session, so `parapet test` can report them.
public enum PolicyExampleRunner {
    public static func run(_ policy: ToolPolicy, contentChecker: (any ContentChecker)? = nil) -> [PolicyExampleResult] {
        policy.examples.enumerated().map { i, ex in
            let engine = PolicyEngine(policy: policy, clock: ManualClock(), contentChecker: contentChecker)
            let session = "example-\(i)"
            for u in ex.untrusted { engine.addUntrusted(u, session: session) }
            let d = engine.decide(ex.call, session: session, profile: ex.profile)
            let ruleOK = ex.rule.map { $0 == d.rule } ?? true
            let ok = d.effect == ex.expect && ruleOK
            let want = ex.expect.rawValue + (ex.rule.map { " by \($0)" } ?? "")
            let message = ok ? "\(ex.call.tool): \(d.effect.rawValue) as expected"
                : "\(ex.call.tool): expected \(want), got \(d.effect.rawValue) by \(d.rule) (\(d.reason))"
            return PolicyExampleResult(example: ex, decision: d, passed: ok, message: message)
        }
    }
}
