/// What a policy says about one tool call. Ordered by strength: deny beats ask beats allow.
public enum PolicyEffect: String, Sendable, Hashable, CaseIterable, Comparable {
    case allow, ask, deny

    var rank: Int {
        switch self {
        case .allow: 0
        case .ask: 1
        case .deny: 2
        }
    }

    public static func < (a: PolicyEffect, b: PolicyEffect) -> Bool { a.rank < b.rank }
}

/// The answer for one call: the effect, the rule that decided it and why, in words a human can act on.
public struct PolicyDecision: Sendable, Hashable, CustomStringConvertible {
    public let effect: PolicyEffect
    /// Id of the deciding rule, e.g. `deny-egress-when-tainted`, `send_money.args.iban`,
    /// `policy.default-deny`, `budget.total-calls`, `content.sec.github.token`.
    public let rule: String
    public let reason: String
    /// True when the call itself was unusable (bad JSON, wrong shape, limits): an error, not a verdict on intent.
    public let isError: Bool

    public init(_ effect: PolicyEffect, rule: String, reason: String, isError: Bool = false) {
        self.effect = effect
        self.rule = rule
        self.reason = reason
        self.isError = isError
    }

    public var description: String { "\(effect.rawValue) [\(rule)]: \(reason)" }

    static func malformed(_ reason: String) -> PolicyDecision {
        PolicyDecision(.deny, rule: "policy.malformed-call", reason: reason, isError: true)
    }
}
