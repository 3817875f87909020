import Synchronization

/// Working memory of one scan's literal pass, sized for one prefilter and reused across scans,
/// so a scan costs what it marks rather than what the pack holds: `reset` zeroes only the
/// entries the scan set (listed as it set them), never whole arrays. Plain pointers rather than
/// arrays, so the pass's per-hit closure captures no mutable variable (each access to one would
/// be a dynamic exclusivity check).
final class LiteralScratch {
    /// Per unit: the view-kind rows (bit k = row k, the view's `Prefilter.bit`) it was marked on.
    let rows: UnsafeMutableBufferPointer<UInt8>
    /// The units with a nonzero `rows` entry, each once, in marking order: `marked[0..<count[0]]`.
    let marked: UnsafeMutablePointer<Int32>
    /// Per automaton state: the view bits its (all case-folded) literals were already marked
    /// with, so a state that recurs is handled once per view mask. A state that also ends a
    /// case-checked literal keeps the low four bits clear (each of its hits is checked) and the
    /// view bits its case-folded literals were marked with in the high four.
    let doneMask: UnsafeMutableBufferPointer<UInt8>
    /// The states with a nonzero `doneMask` entry, each once: `doneStates[0..<count[1]]`.
    let doneStates: UnsafeMutablePointer<Int32>
    /// `[marked units, done states]`.
    let count: UnsafeMutablePointer<Int>
    /// The automaton's hit buffer for one chunk of a pass (`AhoCorasick.hitCapacity` entries).
    let hits: UnsafeMutablePointer<Int>
    /// Bitset over rule indices that `Prefilter.touchedRules` fills: written whole each scan,
    /// so `reset` leaves it; held here so a scan allocates no bitset of its own.
    let touched: UnsafeMutableBufferPointer<UInt64>

    init(units: Int, states: Int, ruleWords: Int) {
        rows = .allocate(capacity: max(1, units))
        rows.initialize(repeating: 0)
        marked = .allocate(capacity: max(1, units))
        doneMask = .allocate(capacity: max(1, states))
        doneMask.initialize(repeating: 0)
        doneStates = .allocate(capacity: max(1, states))
        count = .allocate(capacity: 2)
        count.initialize(repeating: 0, count: 2)
        hits = .allocate(capacity: AhoCorasick.hitCapacity)
        touched = .allocate(capacity: max(1, ruleWords))
        touched.initialize(repeating: 0)
    }

    deinit {
        rows.deallocate()
        marked.deallocate()
        doneMask.deallocate()
        doneStates.deallocate()
        count.deallocate()
        hits.deallocate()
        touched.deallocate()
    }

    /// The units marked so far, in marking order.
    var markedUnits: UnsafeBufferPointer<Int32> { UnsafeBufferPointer(start: marked, count: count[0]) }

    /// Zeroes what the last scan set, leaving the scratch as new.
    func reset() {
        for k in 0..<count[0] { rows[Int(marked[k])] = 0 }
        for k in 0..<count[1] { doneMask[Int(doneStates[k])] = 0 }
        count[0] = 0
        count[1] = 0
    }
}

/// A bounded pool of `LiteralScratch` for one prefilter: concurrent scans each check one out,
/// so the immutable engine shares no mutable state between them.
final class LiteralScratchPool: Sendable {
    // SAFETY: a LiteralScratch is only touched by the one scan that checked it out; the mutex
    // guards the free list itself.
    private struct Box: @unchecked Sendable { var free: [LiteralScratch] }
    private let state = Mutex(Box(free: []))
    private let units: Int
    private let states: Int
    private let ruleWords: Int
    private let keep: Int

    init(units: Int, states: Int, ruleWords: Int, keep: Int = 64) {
        self.units = units
        self.states = states
        self.ruleWords = ruleWords
        self.keep = keep
    }

    /// Runs `body` with a clean scratch and takes it back (cleaned) afterwards.
    func withScratch<R>(_ body: (LiteralScratch) throws -> R) rethrows -> R {
        let scratch = state.withLock { $0.free.popLast() } ?? LiteralScratch(units: units, states: states, ruleWords: ruleWords)
        defer {
            scratch.reset()
            state.withLock { box in
                if box.free.count < keep { box.free.append(scratch) }
            }
        }
        return try body(scratch)
    }
}
