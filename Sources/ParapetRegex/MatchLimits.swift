/// Per-match resource limits handed to PCRE2; the defaults are documented in SECURITY.md.
public struct MatchLimits: Sendable, Hashable {
    /// PCRE2 match limit: how many times the internal match() may be called (backtracking budget).
    public var matchLimit: UInt32
    /// PCRE2 depth limit (interpreter only; the JIT uses `jitStackBytes`).
    public var depthLimit: UInt32
    /// PCRE2 heap limit in KiB (interpreter only).
    public var heapLimitKiB: UInt32
    /// Maximum JIT stack in bytes; exceeding it is reported as a limit hit.
    public var jitStackBytes: Int

    public init(matchLimit: UInt32 = 1_000_000, depthLimit: UInt32 = 10_000, heapLimitKiB: UInt32 = 20_000, jitStackBytes: Int = 1 << 20) {
        self.matchLimit = matchLimit
        self.depthLimit = depthLimit
        self.heapLimitKiB = heapLimitKiB
        self.jitStackBytes = jitStackBytes
    }

    public static let `default` = MatchLimits()
}

/// Which resource limit stopped a match.
public enum LimitKind: String, Sendable, Hashable, Codable, CaseIterable {
    case matchLimit = "match_limit"
    case depthLimit = "depth_limit"
    case heapLimit = "heap_limit"
    case jitStack = "jit_stack"
    case inputSize = "input_size"
    case lineLength = "line_length"
    case decodeDepth = "decode_depth"
    case decodeExpansion = "decode_expansion"
    case findingsCap = "findings_cap"
    case jsonDepth = "json_depth"
    case workBudget = "work_budget"
    case matchError = "match_error"
}
