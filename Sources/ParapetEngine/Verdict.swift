import ParapetRegex
import ParapetRules
import ParapetText

/// What to do with a text. "Blocked" is a value, not an error.
public enum Decision: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
    case allow, sanitize, block

    private var rank: Int { self == .allow ? 0 : self == .sanitize ? 1 : 2 }
    public static func < (a: Decision, b: Decision) -> Bool { a.rank < b.rank }
}

/// One rule hit, located in the original text.
public struct Finding: Sendable, Hashable, Codable {
    public let rule: String
    public let target: Target
    /// UTF-8 byte range in the original text (`start..<end`).
    public let start: Int
    public let end: Int
    public let score: Int
    public let action: RuleAction
    public let view: ViewKind
    /// Transforms from the original to the matched view, e.g. `["base64", "canonical"]`.
    public let chain: [String]
    /// What matched, shortened; masked for redacting rules so secrets never reach logs.
    public let excerpt: String
    public let note: String?

    public var range: Range<Int> { start..<end }
}

/// A resource limit that was reached during a scan.
public struct LimitHit: Sendable, Hashable, Codable {
    public let kind: LimitKind
    /// The rule whose match hit the limit, if any.
    public let rule: String?
    public let detail: String
}

/// What Parapet does when it cannot decide (a limit was hit or something failed).
public enum FailMode: String, Sendable, Hashable, Codable {
    /// Block: the safe default.
    case closed
    /// Let the text through, and say so in the verdict.
    case open
}

/// The result of scanning one text for one target.
public struct Verdict: Sendable, Codable {
    public let decision: Decision
    public let target: Target
    public let paranoia: Int
    /// Sum of the scores of the rules that fired (each rule counts once).
    public let score: Int
    public let threshold: Int
    public let findings: [Finding]
    /// The text with redactions applied, when any rule redacted; nil otherwise.
    public let sanitized: [UInt8]?
    public let limits: [LimitHit]
    /// Set when a limit or error forced the decision through the target's fail mode.
    public let failMode: FailMode?

    public var sanitizedText: String? { sanitized.map { String(decoding: $0, as: UTF8.self) } }
    public var ruleIDs: [String] {
        var seen = Set<String>()
        return findings.compactMap { seen.insert($0.rule).inserted ? $0.rule : nil }
    }
}
