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
/// When more than `maxSessions` exist the least recently created is evicted; an evicted session
/// starts again clean, so size `maxSessions` above the number of live conversations.
public final class InMemorySessionStore: SessionStore {
    private struct Table {
        var sessions: [String: SessionState] = [:]
        var order: [String] = []
    }

    private let table = Mutex(Table())
    public let maxSessions: Int

    public init(maxSessions: Int = 100_000) { self.maxSessions = maxSessions }

    public func withSession<R>(_ id: String, _ body: (inout SessionState) -> R) -> R {
        table.withLock { t in
            if t.sessions[id] == nil {
                if t.order.count >= maxSessions, let old = t.order.first {
                    t.order.removeFirst()
                    t.sessions[old] = nil
                }
                t.order.append(id)
            }
            return body(&t.sessions[id, default: SessionState()])
        }
    }

    public func remove(_ id: String) {
        table.withLock { t in
            if t.sessions.removeValue(forKey: id) != nil { t.order.removeAll { $0 == id } }
        }
    }

    public var count: Int { table.withLock { $0.sessions.count } }
}
