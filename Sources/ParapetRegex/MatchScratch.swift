import CPCRE2

/// Per-scan PCRE2 state: match data, a match context carrying the limits, and a JIT stack.
/// Not thread-safe: one scan uses one scratch at a time; `ScratchPool` hands them out.
public final class MatchScratch {
    let matchData: OpaquePointer
    let matchContext: OpaquePointer
    let jitStack: OpaquePointer?
    let ovectorPairs: Int
    public let limits: MatchLimits
    /// Set by `ScratchPool`: remember whether recent subjects were ASCII, by address and
    /// length, so the many patterns run on one view check it once. Sound only while subject
    /// buffers stay alive and unchanged, which the pool's callers guarantee for one checkout.
    var remembersSubject = false
    /// The last few subjects (rules alternate between a scan's raw, canonical and other views).
    private var seenBase: (UnsafePointer<UInt8>?, UnsafePointer<UInt8>?, UnsafePointer<UInt8>?, UnsafePointer<UInt8>?) = (nil, nil, nil, nil)
    private var seenCount: (Int, Int, Int, Int) = (-1, -1, -1, -1)
    private var seenASCII: (Bool, Bool, Bool, Bool) = (false, false, false, false)
    private var seenNext = 0

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

    /// Whether every byte of `subject` is below 0x80.
    @inline(__always)
    func isASCII(_ subject: UnsafeBufferPointer<UInt8>) -> Bool {
        guard remembersSubject else { return Self.allASCII(subject) }
        let b = subject.baseAddress, n = subject.count
        if seenBase.0 == b && seenCount.0 == n { return seenASCII.0 }
        if seenBase.1 == b && seenCount.1 == n { return seenASCII.1 }
        if seenBase.2 == b && seenCount.2 == n { return seenASCII.2 }
        if seenBase.3 == b && seenCount.3 == n { return seenASCII.3 }
        let ascii = Self.allASCII(subject)
        switch seenNext {
        case 0: seenBase.0 = b; seenCount.0 = n; seenASCII.0 = ascii
        case 1: seenBase.1 = b; seenCount.1 = n; seenASCII.1 = ascii
        case 2: seenBase.2 = b; seenCount.2 = n; seenASCII.2 = ascii
        default: seenBase.3 = b; seenCount.3 = n; seenASCII.3 = ascii
        }
        seenNext = (seenNext + 1) & 3
        return ascii
    }

    /// Forgets the remembered subjects (a new checkout may see new buffers at old addresses).
    func forgetSubject() {
        seenBase = (nil, nil, nil, nil)
        seenCount = (-1, -1, -1, -1)
        seenNext = 0
    }

    /// Sixty-four bytes a step as four 16-byte vector ORs, then words, then bytes.
    static func allASCII(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = p.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        let n = p.count
        var i = 0
        var v = SIMD16<UInt8>()
        while i + 64 <= n {
            v |= raw.loadUnaligned(fromByteOffset: i, as: SIMD16<UInt8>.self)
                | raw.loadUnaligned(fromByteOffset: i + 16, as: SIMD16<UInt8>.self)
                | raw.loadUnaligned(fromByteOffset: i + 32, as: SIMD16<UInt8>.self)
                | raw.loadUnaligned(fromByteOffset: i + 48, as: SIMD16<UInt8>.self)
            i += 64
        }
        var acc: UInt64 = 0
        while i + 8 <= n {
            acc |= raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            i += 8
        }
        while i < n { acc |= UInt64(base[i]); i += 1 }
        let folded = unsafeBitCast(v, to: (UInt64, UInt64).self)
        return (acc | folded.0 | folded.1) & 0x8080_8080_8080_8080 == 0
    }

    deinit {
        pcre2_match_data_free_8(matchData)
        pcre2_match_context_free_8(matchContext)
        if let jitStack { pcre2_jit_stack_free_8(jitStack) }
    }
}
