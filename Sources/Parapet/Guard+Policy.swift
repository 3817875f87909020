@_exported import ParapetPolicy

extension Guard {
    /// Scans tool-argument strings with the `tool_args` rules (secrets, personal data, exfiltration URLs).
    public var toolArgumentChecker: any ContentChecker {
        let engine = self.engine
        return ClosureContentChecker { text in
            let v = engine.scan(Array(text.utf8), target: .toolArgs)
            return ContentFinding(blocked: v.decision == .block, rules: v.ruleIDs, score: v.score)
        }
    }

    /// Scans tool names and descriptions as retrieved context (injected instructions = tool poisoning).
    public var toolDescriptionChecker: any ContentChecker {
        let engine = self.engine
        return ClosureContentChecker { text in
            let v = engine.scan(Array(text.utf8), target: .context)
            return ContentFinding(blocked: v.decision == .block, rules: v.ruleIDs, score: v.score)
        }
    }

    /// A policy engine whose content checks run through this guard's rules.
    public func policyEngine(_ policy: ToolPolicy, store: any SessionStore = InMemorySessionStore(),
                             clock: any PolicyClock = SystemClock()) -> PolicyEngine {
        PolicyEngine(policy: policy, store: store, clock: clock, contentChecker: toolArgumentChecker)
    }

    /// Checks untrusted content (a tool result, a document) before it enters the context and
    /// records it in the session: it taints the session, feeds argument provenance, and flags an
    /// injection when the scan score reaches the policy's `taint_score`.
    @discardableResult
    public func inspectContext(_ text: String, session: String, policy: PolicyEngine, paranoia: Int? = nil) -> Verdict {
        let v = inspectContext(text, paranoia: paranoia)
        policy.addUntrusted(text, session: session, reason: "context scanned (score \(v.score))")
        policy.noteScan(score: v.score, rules: v.ruleIDs, session: session)
        return v
    }

    /// Scans an MCP `tools/list` answer for poisoned descriptions and compares hashes with `pins`.
    public func inspectToolList(_ json: [UInt8], pins: [String: String] = [:]) throws(ToolListInspector.Failure) -> ToolListReport {
        try ToolListInspector.inspect(json, checker: toolDescriptionChecker, pins: pins)
    }
}
