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

    public init(spec: RuleSpec, patterns: [Pattern], detector: (any Detector)?, validator: MatchValidator?, allowlist: Set<[UInt8]>) {
        self.spec = spec
        self.patterns = patterns
        self.detector = detector
        hasDetector = detector != nil
        self.validator = validator
        self.allowlist = allowlist
    }

    public var id: String { spec.id }

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
