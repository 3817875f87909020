import ParapetText

/// A heuristic scorer a rule names with `detector:`; built once from the rule's `params`.
public protocol Detector: Sendable {
    /// Hits in one view; ranges are byte ranges of `view.bytes`.
    func detect(_ view: TextView, context: ScanContext) -> [DetectorHit]
    /// Longest span a hit can cover, so the streaming validator knows what to hold back.
    var maxSpan: Int? { get }
    /// Words one of which a view must contain (ASCII case aside) for `detect` to find anything
    /// there, so the engine's literal pass can skip the detector; nil when there is no such list.
    var triggerLiterals: [String]? { get }
}

extension Detector {
    public var maxSpan: Int? { nil }
    public var triggerLiterals: [String]? { nil }
}

/// One detector hit. `score` overrides the rule's score when the detector grades its hits.
public struct DetectorHit: Sendable, Hashable {
    public var range: Range<Int>
    public var score: Int?
    public var note: String
    public init(range: Range<Int>, score: Int? = nil, note: String = "") {
        self.range = range
        self.score = score
        self.note = note
    }
}

/// Per-request facts some detectors need (never part of the compiled pack).
public struct ScanContext: Sendable {
    public var target: Target
    /// Canary tokens minted for this application's system prompt.
    public var canaries: [String]
    /// The system prompt, to detect leakage of it in output.
    public var systemPrompt: String?
    /// Hosts links may point to without being reported as exfiltration.
    public var allowedHosts: [String]

    public init(target: Target, canaries: [String] = [], systemPrompt: String? = nil, allowedHosts: [String] = []) {
        self.target = target
        self.canaries = canaries
        self.systemPrompt = systemPrompt
        self.allowedHosts = allowedHosts
    }
}

/// Why a detector refused its parameters.
public struct DetectorParamError: Error, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
}

/// Makes a detector from a rule's params.
public struct DetectorFactory: Sendable {
    public let name: String
    public let summary: String
    public let make: @Sendable ([String: RuleValue]) throws -> any Detector
    public init(name: String, summary: String, make: @escaping @Sendable ([String: RuleValue]) throws -> any Detector) {
        self.name = name
        self.summary = summary
        self.make = make
    }
}

/// A check on matched bytes (checksums, entropy) that turns a candidate into a finding.
public struct MatchValidator: Sendable {
    public let name: String
    public let summary: String
    public let check: @Sendable (ArraySlice<UInt8>) -> Bool
    public init(name: String, summary: String, check: @escaping @Sendable (ArraySlice<UInt8>) -> Bool) {
        self.name = name
        self.summary = summary
        self.check = check
    }
}

/// The detectors and validators rule files may name. Composed by the facade from the modules
/// that provide them, so the rule compiler does not depend on any of them.
public struct DetectorRegistry: Sendable {
    public private(set) var detectors: [String: DetectorFactory] = [:]
    public private(set) var validators: [String: MatchValidator] = [:]

    public init() {}

    public mutating func register(_ factory: DetectorFactory) { detectors[factory.name] = factory }
    public mutating func register(_ validator: MatchValidator) { validators[validator.name] = validator }

    /// This registry plus everything in `other` (other wins on name clashes).
    public func merging(_ other: DetectorRegistry) -> DetectorRegistry {
        var r = self
        for f in other.detectors.values { r.register(f) }
        for v in other.validators.values { r.register(v) }
        return r
    }
}
