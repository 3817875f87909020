import CPCRE2
import Synchronization

/// Options a rule may ask for when its pattern is compiled.
public struct PatternOptions: Sendable, Hashable {
    public var caseless: Bool
    public init(caseless: Bool = true) { self.caseless = caseless }
}

/// When PCRE2's JIT compiler runs for a pattern.
public enum JITMode: String, Sendable, Hashable, CaseIterable {
    /// At load: every pattern is JIT-compiled before the first scan (predictable first requests).
    case eager
    /// On the pattern's first match: a short process pays only for the patterns it runs.
    case lazy
}

/// A compiled PCRE2 pattern, JIT-compiled at init (`.eager`) or on first use (`.lazy`).
/// Immutable from the caller's view and safe to share.
///
/// SAFETY (`@unchecked Sendable`): the `pcre2_code` is mutated only by `pcre2_jit_compile`,
/// at most once, under `jitLock`, and before any match runs on it (so is the regrouped code,
/// which is also created then, under the same lock): every match first calls
/// `ensureJIT()`, which returns only once the JIT attempt is finished (its result is stored with
/// release ordering and read with acquire ordering). After that the code is never mutated, and
/// PCRE2 documents compiled code as shareable between threads as long as each thread has its
/// own match data, which `MatchScratch` provides.
public final class Pattern: @unchecked Sendable {
    public let source: String
    public let options: PatternOptions
    /// Number of capture groups in the pattern.
    public let captureCount: Int
    let code: OpaquePointer
    /// 0: not JIT-compiled yet; 1: JIT code ready; 2: JIT failed, the interpreter runs.
    private let jitState = Atomic<UInt8>(0)
    /// Held only while a pattern is JIT-compiled; never taken once `jitState` is set.
    private let jitLock = Mutex<Void>(())
    /// 0: the byte-mode twin for all-ASCII subjects (`ASCIITwin`) not built yet; 1: `asciiCode`
    /// ready (JIT); 2: no twin. Built on first use, so start-up pays nothing for it.
    private let asciiState = Atomic<UInt8>(0)
    /// Written once, under `jitLock`, before `asciiState` is stored as 1 (release); read only
    /// after loading 1 (acquire).
    private var asciiCode: OpaquePointer?
    /// The pattern with its long alternations regrouped (`AlternationDispatch`), JIT-compiled,
    /// which then runs instead of `code`; nil when nothing was regrouped or it failed to build.
    /// Written once, under `jitLock`, before `jitState` is stored (release); read only after
    /// `ensureJIT()` (acquire).
    private var dispatchedCode: OpaquePointer?

    /// Compiles with UTF, MATCH_INVALID_UTF (untrusted subjects may be invalid UTF-8) and UCP.
    /// Syntax errors are thrown here whatever `jit` says.
    public init(_ source: String, options: PatternOptions = .init(), jit: JITMode = .eager) throws(PatternError) {
        var flags: UInt32 = PCRE2_UTF | PCRE2_MATCH_INVALID_UTF | PCRE2_UCP
        if options.caseless { flags |= PCRE2_CASELESS }
        var errorCode: Int32 = 0
        var errorOffset: Int = 0
        let utf8 = Array(source.utf8)
        let compiled = utf8.withUnsafeBufferPointer { buf in
            pcre2_compile_8(buf.baseAddress ?? UnsafePointer(bitPattern: 1), buf.count, flags, &errorCode, &errorOffset, nil)
        }
        guard let compiled else {
            throw PatternError(code: errorCode, message: PatternError.message(for: errorCode), offset: errorOffset)
        }
        self.code = compiled
        self.source = source
        self.options = options
        var count: UInt32 = 0
        _ = pcre2_pattern_info_8(compiled, UInt32(PCRE2_INFO_CAPTURECOUNT), &count)
        self.captureCount = Int(count)
        if jit == .eager { _ = ensureJIT() }
    }

    deinit {
        pcre2_code_free_8(code)
        if let asciiCode { pcre2_code_free_8(asciiCode) }
        if let dispatchedCode { pcre2_code_free_8(dispatchedCode) }
    }

    /// Whether the pattern has a byte-mode twin for ASCII subjects (builds it on first ask).
    public var hasASCIITwin: Bool { asciiTwin() != nil }

    /// The compiled twin for all-ASCII subjects, built (and JIT-compiled) on first use; nil when
    /// the pattern has none or its byte-mode compile or JIT compile fails.
    @inline(__always)
    func asciiTwin() -> OpaquePointer? {
        let state = asciiState.load(ordering: .acquiring)
        if state == 1 { return asciiCode }
        if state == 2 { return nil }
        return buildASCIITwin()
    }

    @inline(never)
    private func buildASCIITwin() -> OpaquePointer? {
        jitLock.withLock { _ -> OpaquePointer? in
            let state = asciiState.load(ordering: .acquiring)
            if state != 0 { return state == 1 ? asciiCode : nil }
            var built: OpaquePointer?
            if let asciiSource = ASCIITwin.source(for: source) {
                // Long alternations regrouped by first character; the plain twin if that fails.
                let dispatched = AlternationDispatch.rewrite(asciiSource, caseless: options.caseless)
                built = compileTwin(dispatched)
                if built == nil, dispatched != asciiSource { built = compileTwin(asciiSource) }
            }
            asciiCode = built
            asciiState.store(built == nil ? 2 : 1, ordering: .releasing)
            return built
        }
    }

    /// A byte-mode compile of `twinSource`, JIT-compiled; nil when either fails or its groups
    /// are not the pattern's groups (only a JIT twin is worth it).
    private func compileTwin(_ twinSource: String) -> OpaquePointer? {
        compileVariant(twinSource, flags: 0)
    }

    /// `variant` (the pattern rewritten to match the same) compiled with `flags` (caseless added
    /// when the pattern is) and JIT-compiled; nil when either fails or its groups are not the
    /// pattern's groups.
    private func compileVariant(_ variant: String, flags base: UInt32) -> OpaquePointer? {
        var flags = base
        if options.caseless { flags |= PCRE2_CASELESS }
        var errorCode: Int32 = 0
        var errorOffset: Int = 0
        let utf8 = Array(variant.utf8)
        guard let c = utf8.withUnsafeBufferPointer({ buf in
            pcre2_compile_8(buf.baseAddress ?? UnsafePointer(bitPattern: 1), buf.count, flags, &errorCode, &errorOffset, nil)
        }) else { return nil }
        var n: UInt32 = 0
        _ = pcre2_pattern_info_8(c, UInt32(PCRE2_INFO_CAPTURECOUNT), &n)
        if Int(n) != captureCount || pcre2_jit_compile_8(c, PCRE2_JIT_COMPLETE) != 0 {
            pcre2_code_free_8(c)
            return nil
        }
        return c
    }

    /// Whether the pattern runs as JIT code (JIT compilation can fail for unusual patterns; the
    /// interpreter then runs). Asking JIT-compiles a lazy pattern that has not run yet.
    public var isJIT: Bool { ensureJIT() }

    /// Whether JIT compilation has been attempted (always true for an eager pattern).
    public var jitAttempted: Bool { jitState.load(ordering: .acquiring) != 0 }

    /// JIT-compiles the pattern unless that was done already; returns whether JIT code runs.
    /// Threads arriving during the compile wait for it, so no match ever sees half-built code.
    @discardableResult
    @inline(__always)
    public func ensureJIT() -> Bool {
        let state = jitState.load(ordering: .acquiring)
        if state != 0 { return state == 1 }
        return compileJIT()
    }

    @inline(never)
    private func compileJIT() -> Bool {
        jitLock.withLock { _ in
            var state = jitState.load(ordering: .acquiring)
            if state == 0 {
                // Regrouped first (same matches, fewer tests per position); the pattern as
                // written when that is not possible.
                if let dispatched = compileDispatched() {
                    dispatchedCode = dispatched
                    state = 1
                } else {
                    state = pcre2_jit_compile_8(code, PCRE2_JIT_COMPLETE) == 0 ? 1 : 2
                }
                jitState.store(state, ordering: .releasing)
            }
            return state == 1
        }
    }

    /// The regrouped pattern, compiled as the pattern is and JIT-compiled; nil when regrouping
    /// changes nothing, or its compile or JIT fails, or its groups are not the pattern's.
    private func compileDispatched() -> OpaquePointer? {
        let rewritten = AlternationDispatch.rewrite(source, caseless: options.caseless)
        guard rewritten != source else { return nil }
        return compileVariant(rewritten, flags: PCRE2_UTF | PCRE2_MATCH_INVALID_UTF | PCRE2_UCP)
    }

    /// Whether matches run the regrouped pattern (compiles it on first ask, as a first match would).
    var runsRegrouped: Bool {
        ensureJIT()
        return dispatchedCode != nil
    }

    /// The code matches run with once `ensureJIT()` returned.
    @inline(__always)
    private var runCode: OpaquePointer { dispatchedCode ?? code }

    /// Searches `subject` from byte `start`; returns the first match, no match, or the limit hit.
    public func firstMatch(in subject: UnsafeBufferPointer<UInt8>, from start: Int = 0, scratch: MatchScratch) -> MatchOutcome {
        guard start <= subject.count else { return .noMatch }
        ensureJIT()
        return match(runCode, subject, from: start, scratch: scratch)
    }

    /// One pcre2_match call with `compiled` (the pattern or its ASCII twin).
    @inline(__always)
    private func match(_ compiled: OpaquePointer, _ subject: UnsafeBufferPointer<UInt8>, from start: Int, scratch: MatchScratch) -> MatchOutcome {
        let base = subject.baseAddress ?? UnsafePointer(bitPattern: 1)!
        let rc = pcre2_match_8(compiled, base, subject.count, start, 0, scratch.matchData, scratch.matchContext)
        if rc >= 0 {
            let ov = pcre2_get_ovector_pointer_8(scratch.matchData)!
            let lo = ov[0], hi = ov[1]
            // A \K inside a lookahead can yield end < start; clamp to an empty match.
            return .match(lo..<max(lo, hi))
        }
        switch rc {
        case PCRE2_ERROR_NOMATCH, PCRE2_ERROR_PARTIAL: return .noMatch
        case PCRE2_ERROR_MATCHLIMIT: return .limit(.matchLimit)
        case PCRE2_ERROR_DEPTHLIMIT: return .limit(.depthLimit)
        case PCRE2_ERROR_HEAPLIMIT, PCRE2_ERROR_NOMEMORY: return .limit(.heapLimit)
        case PCRE2_ERROR_JIT_STACKLIMIT: return .limit(.jitStack)
        default: return .limit(.matchError)
        }
    }

    /// Byte range of capture group `group` after a successful `firstMatch` on the same scratch.
    public func captureRange(_ group: Int, scratch: MatchScratch) -> Range<Int>? {
        // PCRE2 never writes ovector pairs past the pattern's own groups, so those hold stale bytes.
        guard group >= 0, group <= captureCount, group < scratch.ovectorPairs else { return nil }
        let ov = pcre2_get_ovector_pointer_8(scratch.matchData)!
        let lo = ov[2 * group], hi = ov[2 * group + 1]
        // PCRE2_UNSET is ~0 as size_t, which Swift sees as -1.
        if lo < 0 || hi < lo { return nil }
        return lo..<hi
    }

    /// Calls `body` for each non-overlapping match; stops early when `body` returns false.
    /// Returns the limit that stopped the search, if any. An all-ASCII subject is searched with
    /// the pattern's byte-mode twin when it has one (same matches, faster).
    @discardableResult
    public func forEachMatch(in subject: UnsafeBufferPointer<UInt8>, scratch: MatchScratch, _ body: (Range<Int>) -> Bool) -> LimitKind? {
        forEachMatch(in: subject, scratch: scratch, allowTwin: true, body)
    }

    /// `allowTwin: false` runs the pattern (regrouped when it could be) on ASCII text too; tests
    /// hold both it and the twin to the pattern as written (`forEachPlainMatch`).
    func forEachMatch(in subject: UnsafeBufferPointer<UInt8>, scratch: MatchScratch, allowTwin: Bool, _ body: (Range<Int>) -> Bool) -> LimitKind? {
        let compiled: OpaquePointer
        if allowTwin, asciiState.load(ordering: .relaxed) != 2, scratch.isASCII(subject), let twin = asciiTwin() {
            compiled = twin
        } else {
            ensureJIT()
            compiled = runCode
        }
        return forEachMatch(compiled, in: subject, scratch: scratch, body)
    }

    /// Every match of the pattern exactly as written (no twin, no regrouping; the interpreter
    /// unless that code was JIT-compiled): the reference the tests hold the others to.
    func forEachPlainMatch(in subject: UnsafeBufferPointer<UInt8>, scratch: MatchScratch, _ body: (Range<Int>) -> Bool) -> LimitKind? {
        forEachMatch(code, in: subject, scratch: scratch, body)
    }

    private func forEachMatch(_ compiled: OpaquePointer, in subject: UnsafeBufferPointer<UInt8>, scratch: MatchScratch, _ body: (Range<Int>) -> Bool) -> LimitKind? {
        var start = 0
        while start <= subject.count {
            switch match(compiled, subject, from: start, scratch: scratch) {
            case .noMatch: return nil
            case .limit(let kind): return kind
            case .match(let r):
                if !body(r) { return nil }
                if r.upperBound > start {
                    start = r.upperBound
                } else {
                    // Empty match: step over one whole UTF-8 character so we never split one.
                    start = r.upperBound + 1
                    while start < subject.count, subject[start] & 0xC0 == 0x80 { start += 1 }
                }
            }
        }
        return nil
    }
}

extension Pattern {
    /// Convenience for tests and tools: match against a Swift string with a temporary scratch.
    public func firstMatch(in text: String, limits: MatchLimits = .default) -> MatchOutcome {
        let scratch = MatchScratch(limits: limits)
        var copy = Array(text.utf8)
        return copy.withUnsafeMutableBufferPointer { firstMatch(in: UnsafeBufferPointer($0), scratch: scratch) }
    }
}
