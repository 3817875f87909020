import CPCRE2

/// Per-scan PCRE2 state: match data, a match context carrying the limits, and a JIT stack.
/// Not thread-safe: one scan uses one scratch at a time; `ScratchPool` hands them out.
public final class MatchScratch {
    let matchData: OpaquePointer
    let matchContext: OpaquePointer
    let jitStack: OpaquePointer?
    let ovectorPairs: Int
    public let limits: MatchLimits

    public init(limits: MatchLimits = .default, ovectorPairs: Int = 32) {
        self.limits = limits
        self.ovectorPairs = ovectorPairs
        matchData = pcre2_match_data_create_8(UInt32(ovectorPairs), nil)!
        matchContext = pcre2_match_context_create_8(nil)!
        pcre2_set_match_limit_8(matchContext, limits.matchLimit)
        pcre2_set_depth_limit_8(matchContext, limits.depthLimit)
        pcre2_set_heap_limit_8(matchContext, limits.heapLimitKiB)
        jitStack = pcre2_jit_stack_create_8(32 * 1024, max(32 * 1024, limits.jitStackBytes), nil)
        if let jitStack { pcre2_jit_stack_assign_8(matchContext, nil, UnsafeMutableRawPointer(jitStack)) }
    }

    deinit {
        pcre2_match_data_free_8(matchData)
        pcre2_match_context_free_8(matchContext)
        if let jitStack { pcre2_jit_stack_free_8(jitStack) }
    }
}
