import NIOCore
import NIOPosix
import Synchronization

/// Bounded concurrency for scans: a fixed number of slots, no queue, and a deadline per scan.
///
/// A request that finds every slot taken is shed at once (503). A scan that outlives its deadline
/// is answered through the fail mode, but keeps its slot until it really finishes, so slow inputs
/// cannot pile up unbounded work behind the server's back.
public final class ScanRunner: Sendable {
    private let pool: NIOThreadPool
    private let timerLoop: any EventLoop
    private let inUse = Mutex<Int>(0)
    public let capacity: Int

    public init(threads: Int, capacity: Int) {
        pool = NIOThreadPool(numberOfThreads: max(1, threads))
        pool.start()
        timerLoop = MultiThreadedEventLoopGroup.singleton.any()
        self.capacity = max(1, capacity)
    }

    /// Takes a slot, or nil when all are in use (the caller sheds the request).
    public func acquire() -> Slot? {
        let ok = inUse.withLock { n in
            guard n < capacity else { return false }
            n += 1
            return true
        }
        return ok ? Slot(runner: self) : nil
    }

    public var inFlight: Int { inUse.withLock { $0 } }

    fileprivate func free() { inUse.withLock { $0 -= 1 } }

    /// Runs `work` on the scan threads; returns nil when `deadline` passes first.
    /// The slot stays held until `work` returns, even after a timeout.
    public func run<T: Sendable>(holding slot: Slot, deadline: Duration, _ work: @escaping @Sendable () -> T) async -> T? {
        let once = Once()
        slot.retain()
        return await withCheckedContinuation { (cont: CheckedContinuation<T?, Never>) in
            let timer = timerLoop.scheduleTask(in: .nanoseconds(ServerMetrics.nanoseconds(deadline))) {
                if once.claim() { cont.resume(returning: nil) }
            }
            pool.submit { state in
                defer { slot.release() }
                guard case .active = state else {
                    if once.claim() { cont.resume(returning: nil) }
                    return
                }
                let result = work()
                timer.cancel()
                if once.claim() { cont.resume(returning: result) }
            }
        }
    }

    /// Stops the scan threads after queued work finishes.
    public func shutdown() async {
        try? await pool.shutdownGracefully()
    }

    /// One admission slot; freed when every holder (the request, and a running scan) has released it.
    public final class Slot: Sendable {
        private let holders = Mutex<Int>(1)
        private let runner: ScanRunner

        fileprivate init(runner: ScanRunner) { self.runner = runner }

        func retain() { holders.withLock { $0 += 1 } }

        /// Drops one hold; the last one returns the slot to the runner.
        public func release() {
            let last = holders.withLock { n in
                n -= 1
                return n == 0
            }
            if last { runner.free() }
        }
    }
}

/// First caller wins: resumes a continuation exactly once from racing callbacks.
final class Once: Sendable {
    private let done = Mutex<Bool>(false)
    func claim() -> Bool {
        done.withLock { d in
            if d { return false }
            d = true
            return true
        }
    }
}
