import ParapetRegex
import ParapetRules
import ParapetText

/// Engine settings: thresholds, paranoia, fail modes and limits. Defaults are documented in docs/limits.md.
public struct EngineConfig: Sendable {
    /// Anomaly score at or above which a target's text is blocked.
    public var thresholds: [Target: Int]
    public var defaultParanoia: Int
    public var failModes: [Target: FailMode]
    public var matchLimits: MatchLimits
    public var viewOptions: ViewOptions
    /// Longer inputs are scanned up to this many bytes and reported as a limit hit.
    public var maxInputBytes: Int
    /// Findings kept per scan; more are counted as a limit hit.
    public var maxFindings: Int
    /// When false, every active rule runs PCRE2 even without a literal hit (for equivalence tests).
    public var usePrefilter: Bool
    /// When false, the literal pass reads raw and canonical views separately even where one
    /// pass could mark both (for equivalence tests).
    public var shareLiteralPass: Bool = true
    /// Per-request work budget: total bytes handed to PCRE2 and detectors across every
    /// (pattern, view) pass of one scan. Deterministic, unlike a clock; reaching it stops the scan.
    public var maxWorkBytes: Int
    /// Optional wall-clock budget per scan, checked between passes (nil = none).
    public var maxScanDuration: Duration?
    /// When patterns are JIT-compiled. `.eager` (the default) JIT-compiles every pattern while the
    /// engine is built, so the first scans cost what later ones do (servers, long-lived guards);
    /// `.lazy` JIT-compiles each pattern on its first match, so a short process (the CLI) pays
    /// only for the patterns it runs. Syntax errors are reported at load either way; verdicts are
    /// the same.
    public var jit: JITMode
    /// Literal gates worked out ahead of time: a rule found here skips literal extraction
    /// while the engine is built (same gates, faster start-up). `Guard` supplies the default
    /// pack's (`DefaultPack.literalGates`) when it compiles that pack.
    public var literalGateCache: LiteralGateCache? = nil

    public init(
        thresholds: [Target: Int] = [.input: 5, .context: 5, .output: 5, .toolArgs: 5],
        defaultParanoia: Int = 1,
        failModes: [Target: FailMode] = [:],
        matchLimits: MatchLimits = .default,
        viewOptions: ViewOptions = .default,
        maxInputBytes: Int = 1 << 20,
        maxFindings: Int = 256,
        usePrefilter: Bool = true,
        maxWorkBytes: Int = 256 << 20,
        maxScanDuration: Duration? = nil,
        jit: JITMode = .eager
    ) {
        self.thresholds = thresholds
        self.defaultParanoia = defaultParanoia
        self.failModes = failModes
        self.matchLimits = matchLimits
        self.viewOptions = viewOptions
        self.maxInputBytes = maxInputBytes
        self.maxFindings = maxFindings
        self.usePrefilter = usePrefilter
        self.maxWorkBytes = maxWorkBytes
        self.maxScanDuration = maxScanDuration
        self.jit = jit
    }

    /// Transforms applied to every forwarded text of a target (e.g. strip invisibles from context).
    public var sanitize: [Target: [SanitizeStep]] = [:]
    /// Length limits per target (cost control): longer texts are cut, with a finding.
    public var lengthLimits: [Target: LengthLimit] = [:]

    public func threshold(for target: Target) -> Int { thresholds[target] ?? 5 }
    public func failMode(for target: Target) -> FailMode { failModes[target] ?? .closed }
}

/// A cap on forwarded text, in bytes and/or approximate tokens (about 4 ASCII bytes per token).
public struct LengthLimit: Sendable, Hashable {
    public var maxBytes: Int?
    public var maxTokens: Int?
    public init(maxBytes: Int? = nil, maxTokens: Int? = nil) {
        self.maxBytes = maxBytes
        self.maxTokens = maxTokens
    }
}
