import Synchronization

/// Where session state lives. Implementations must run `body` atomically per session, so a
/// budget check and the call it admits cannot interleave with another call of the same session.
public protocol SessionStore: Sendable {
    func withSession<R>(_ id: String, _ body: (inout SessionState) -> R) -> R
    /// Forgets a session (end of conversation).
    func remove(_ id: String)
}

/// Seconds on a monotonic clock; injected so tests can move time.
public protocol PolicyClock: Sendable {
    func now() -> Double
}

/// The process's monotonic clock.
public struct SystemClock: PolicyClock {
    public init() {}
    public func now() -> Double {
        let d = Self.origin.duration(to: ContinuousClock.now)
        return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }

    private static let origin = ContinuousClock.now
}

/// A clock tests set by hand.
public final class ManualClock: PolicyClock {
    private let t: Mutex<Double>
    public init(_ start: Double = 0) { t = Mutex(start) }
    public func now() -> Double { t.withLock { $0 } }
    public func advance(by seconds: Double) { t.withLock { $0 += seconds } }
}

/// The default store: sessions in a dictionary behind one `Mutex`, bounded in count.
///
/// When more than `maxSessions` exist the least recently created is evicted (O(1) amortized). Its
/// budgets start again from zero, so size `maxSessions` above the number of live conversations and
/// watch `evictions`. Taint is not laundered by eviction: the id of a tainted session that was
/// evicted is remembered (a 64-bit hash, in a ring as large as `maxSessions`), and that session
/// comes back tainted, so flooding the store with new sessions cannot make untrusted context trusted.
public final class InMemorySessionStore: SessionStore {
    private struct Entry {
        var state: SessionState
        var generation: UInt64
    }

    private struct Table {
        var sessions: [String: Entry] = [:]
        /// Creation order; entries whose generation no longer matches were removed and are skipped.
        var order: [(id: String, generation: UInt64)] = []
        var head = 0
        var nextGeneration: UInt64 = 0
        var evictions = 0
        /// Hashes of evicted tainted sessions: a ring plus a set for lookup.
        var tombstoneRing: [Int] = []
        var tombstoneNext = 0
        var tombstones: Set<Int> = []
    }

    private let table = Mutex(Table())
    public let maxSessions: Int

    public init(maxSessions: Int = 100_000) { self.maxSessions = max(1, maxSessions) }

    public func withSession<R>(_ id: String, _ body: (inout SessionState) -> R) -> R {
        table.withLock { t in
            // The common case, a known session, hashes the id once.
            if let i = t.sessions.index(forKey: id) { return body(&t.sessions.values[i].state) }
            while t.sessions.count >= maxSessions { evictOldest(&t) }
            var state = SessionState()
            if t.tombstones.contains(id.hashValue) {
                state.tainted = true
                state.note("session was evicted from the store while tainted")
            }
            t.nextGeneration += 1
            t.order.append((id, t.nextGeneration))
            var entry = Entry(state: state, generation: t.nextGeneration)
            let result = body(&entry.state)
            t.sessions[id] = entry
            return result
        }
    }

    private func evictOldest(_ t: inout Table) {
        while t.head < t.order.count {
            let (old, generation) = t.order[t.head]
            t.head += 1
            guard let entry = t.sessions[old], entry.generation == generation else { continue }
            t.sessions[old] = nil
            t.evictions += 1
            if entry.state.tainted { remember(old.hashValue, &t) }
            break
        }
        // Drop the consumed prefix once it is most of the array, so `order` stays O(live sessions).
        if t.head > 1024 && t.head * 2 > t.order.count {
            t.order.removeFirst(t.head)
            t.head = 0
        }
    }

    private func remember(_ hash: Int, _ t: inout Table) {
        if t.tombstoneRing.count < maxSessions {
            t.tombstoneRing.append(hash)
        } else {
            t.tombstones.remove(t.tombstoneRing[t.tombstoneNext])
            t.tombstoneRing[t.tombstoneNext] = hash
            t.tombstoneNext = (t.tombstoneNext + 1) % maxSessions
        }
        t.tombstones.insert(hash)
    }

    /// Forgets a session for good (the conversation ended), including an eviction record.
    public func remove(_ id: String) {
        table.withLock { t in
            t.sessions[id] = nil
            t.tombstones.remove(id.hashValue)
        }
    }

    /// Live sessions.
    public var count: Int { table.withLock { $0.sessions.count } }
    /// Sessions evicted to stay within `maxSessions` since the store was made.
    public var evictions: Int { table.withLock { $0.evictions } }
}
