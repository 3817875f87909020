import ParapetText

/// A rule as written in a rule file, validated but not yet compiled.
public struct RuleSpec: Sendable, Equatable {
    public var id: String
    public var summary: String
    public var appliesTo: [Target]
    public var paranoia: Int
    public var score: Int
    public var patterns: [PatternSpec]
    public var detector: DetectorSpec?
    public var literals: [String]
    public var validator: String?
    public var allowlist: [String]
    public var action: RuleAction
    /// Placeholder label for redaction, e.g. `github-token` → `[REDACTED:github-token]`.
    public var redactAs: String?
    /// Longest span (bytes) a match can cover; the streaming validator holds back this much.
    public var maxSpan: Int?
    public var views: [ViewKind]
    public var tags: [String]
    public var maxFPRate: Double?
    public var minMutationSurvival: Double?
    public var caseSensitive: Bool
    /// Transforms applied to the forwarded text when this rule fires.
    public var sanitize: [SanitizeStep] = []
    /// A stronger score and action from a higher paranoia level on (`escalate:`).
    public var escalation: RuleEscalation? = nil
    public var examples: RuleExamples
    public var location: SourceLocation

    public var file: String { location.file }
    public var placeholderLabel: String { redactAs ?? id.split(separator: ".").last.map(String.init) ?? id }

    /// The score a match adds at `paranoia`.
    @inline(__always)
    public func score(at paranoia: Int) -> Int {
        if let e = escalation, paranoia >= e.paranoia { return e.score }
        return score
    }

    /// What a match does at `paranoia`.
    @inline(__always)
    public func action(at paranoia: Int) -> RuleAction {
        if let e = escalation, paranoia >= e.paranoia { return e.action }
        return action
    }
}

/// A rule read more strictly from a paranoia level on: an account identifier that is only
/// reported (score 0) at PL1 is redacted from PL2, without a second copy of its patterns.
public struct RuleEscalation: Sendable, Equatable {
    public var paranoia: Int
    public var score: Int
    public var action: RuleAction

    public init(paranoia: Int, score: Int, action: RuleAction) {
        self.paranoia = paranoia
        self.score = score
        self.action = action
    }
}

/// One pattern of a rule and where it was written (for error columns).
public struct PatternSpec: Sendable, Equatable {
    public var source: String
    public var location: SourceLocation
    /// Column offset of the pattern's first character relative to `location` (quotes).
    public var columnShift: Int
}

/// A named heuristic detector with parameters.
public struct DetectorSpec: Sendable, Equatable {
    public var name: String
    public var params: [String: RuleValue]
    public var location: SourceLocation
}

/// A text a rule must (or must not) fire on.
public struct RuleExample: Sendable, Equatable {
    public var text: String
    public var target: Target?
    public var note: String?
    public var location: SourceLocation
}

/// The examples that prove a rule: what it catches, what it leaves alone, known gaps.
public struct RuleExamples: Sendable, Equatable {
    public var match: [RuleExample] = []
    public var noMatch: [RuleExample] = []
    public var todoMatch: [RuleExample] = []
    public init() {}
}
