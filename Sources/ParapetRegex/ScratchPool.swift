import Synchronization

/// A bounded pool of `MatchScratch` so concurrent scans never share match data and
/// steady-state scanning allocates nothing.
public final class ScratchPool: Sendable {
    // SAFETY: a MatchScratch is only ever touched by the one scan that checked it out;
    // the mutex guards the free list itself.
    private struct Box: @unchecked Sendable { var free: [MatchScratch] }
    private let state = Mutex(Box(free: []))
    public let limits: MatchLimits
    private let keep: Int

    public init(limits: MatchLimits = .default, keep: Int = 64) {
        self.limits = limits
        self.keep = keep
    }

    /// Runs `body` with a scratch taken from the pool and returns it afterwards. While `body`
    /// runs, a subject buffer given to `forEachMatch` must not be changed, nor freed and its
    /// address reused for other bytes of the same length (the scratch remembers whether the
    /// last subject was ASCII by address and length).
    public func withScratch<R>(_ body: (MatchScratch) throws -> R) rethrows -> R {
        let scratch = state.withLock { $0.free.popLast() } ?? MatchScratch(limits: limits)
        scratch.remembersSubject = true
        scratch.forgetSubject()
        defer {
            state.withLock { box in
                if box.free.count < keep { box.free.append(scratch) }
            }
        }
        return try body(scratch)
    }
}
