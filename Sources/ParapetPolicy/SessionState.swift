/// What the policy remembers about one agent session: counts, cost, recent call times, taint.
public struct SessionState: Sendable {
    public var callsPerTool: [String: Int] = [:]
    public var totalCalls = 0
    public var costUnits = 0
    /// Times (seconds, from the store's clock) of recent calls, oldest first, for the per-minute budget.
    public var recentCalls: [Double] = []
    /// Untrusted content entered the context (the app said so, or content was added).
    public var tainted = false
    /// A scan flagged an injection at or above the policy's taint score.
    public var injectionFlagged = false
    /// Why the session is tainted, newest last (bounded).
    public var taintReasons: [String] = []
    public var provenance = Provenance()

    public init() {}

    /// Marks the session tainted and keeps `text` so argument provenance can find values taken from it.
    public mutating func addUntrusted(_ text: String, reason: String = "untrusted content") {
        tainted = true
        provenance.add(text)
        note(reason)
    }

    /// Records a scan result: flags the session when `score` reaches `threshold`.
    public mutating func noteScan(score: Int, threshold: Int, rules: [String]) {
        guard score >= threshold else { return }
        tainted = true
        injectionFlagged = true
        note("injection flagged (score \(score): \(rules.joined(separator: ", ")))")
    }

    mutating func note(_ reason: String) {
        if taintReasons.count >= 16 { taintReasons.removeFirst() }
        taintReasons.append(reason)
    }

    /// Calls in the 60 s before `now`, dropping older entries.
    mutating func callsInLastMinute(now: Double) -> Int {
        let cutoff = now - 60
        if let keep = recentCalls.firstIndex(where: { $0 > cutoff }) {
            if keep > 0 { recentCalls.removeFirst(keep) }
        } else {
            recentCalls.removeAll(keepingCapacity: true)
        }
        return recentCalls.count
    }

    mutating func record(tool: String, cost: Int, now: Double) {
        callsPerTool[tool, default: 0] += 1
        totalCalls += 1
        costUnits += cost
        recentCalls.append(now)
        // Keep only the last minute, so sessions without a rate budget do not grow without end.
        if let first = recentCalls.first, first <= now - 60 { _ = callsInLastMinute(now: now) }
    }
}
