import ParapetRegex
import ParapetText

/// A rule ready to scan: patterns JIT-compiled, detector and validator resolved.
///
/// Immutable, so it behaves as a value; a class so that handing a rule to the evaluator costs
/// one reference count instead of one per field of its spec (the scan loop did that for every
/// rule it ran).
public final class CompiledRule: Sendable {
    public let spec: RuleSpec
    public let patterns: [Pattern]
    public let detector: (any Detector)?
    /// `detector != nil`, kept apart so the scan loop can ask without copying the existential.
    public let hasDetector: Bool
    public let validator: MatchValidator?
    /// Allowlisted match texts (documented placeholders), compared byte for byte.
    public let allowlist: Set<[UInt8]>
    /// `spec.views`, and what `spec.score(at:)`, `spec.action(at:)` and `spec.sanitize` give,
    /// kept on the rule for the scan loop: reading them through `spec` copied the whole spec
    /// (a few hundred bytes, a dozen references) for every rule and view a scan ran.
    public let views: [ViewKind]
    public let hasSanitize: Bool
    /// `spec.placeholderLabel`, for the redaction excerpt of every finding of a redacting rule.
    public let placeholderLabel: String
    private let baseScore: Int, baseAction: RuleAction
    /// Paranoia level from which the escalated score and action hold (`Int.max`: never).
    private let escalationLevel: Int, escalatedScore: Int, escalatedAction: RuleAction

    public init(spec: RuleSpec, patterns: [Pattern], detector: (any Detector)?, validator: MatchValidator?, allowlist: Set<[UInt8]>) {
        self.spec = spec
        self.patterns = patterns
        self.detector = detector
        hasDetector = detector != nil
        self.validator = validator
        self.allowlist = allowlist
        id = spec.id
        views = spec.views
        hasSanitize = !spec.sanitize.isEmpty
        placeholderLabel = spec.placeholderLabel
        baseScore = spec.score
        baseAction = spec.action
        escalationLevel = spec.escalation?.paranoia ?? .max
        escalatedScore = spec.escalation?.score ?? spec.score
        escalatedAction = spec.escalation?.action ?? spec.action
    }

    /// `spec.score(at:)` without reading the spec.
    @inline(__always)
    public func score(at paranoia: Int) -> Int { paranoia >= escalationLevel ? escalatedScore : baseScore }

    /// `spec.action(at:)` without reading the spec.
    @inline(__always)
    public func action(at paranoia: Int) -> RuleAction { paranoia >= escalationLevel ? escalatedAction : baseAction }

    /// `spec.id`, stored: the scan loop reads it for every rule and view it runs.
    public let id: String

    /// Whether this rule runs for `target` at paranoia level `paranoia`.
    public func isActive(target: Target, paranoia: Int) -> Bool {
        spec.paranoia <= paranoia && spec.appliesTo.contains(target)
    }
}

/// An immutable compiled rule pack, shared by any number of concurrent scans.
public struct CompiledRuleSet: Sendable {
    public let rules: [CompiledRule]
    /// A stable hash of the pack's sources, for audit logs and reload reports.
    public let hash: String
    public let files: [String]

    public init(rules: [CompiledRule], hash: String, files: [String]) {
        self.rules = rules
        self.hash = hash
        self.files = files
    }

    public func rule(_ id: String) -> CompiledRule? { rules.first { $0.id == id } }
}
