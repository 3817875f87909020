/// Where a caller's scans spend their time, by rule, measured inside the full scan: the answer
/// to "which of my rules are expensive on my traffic". Timing one rule alone (`only:`) misses
/// what it shares with the others (views, the literal pass) and carries a whole scan's noise.
///
/// Filled by `Engine.scan(_:target:paranoia:context:only:meter:)`. A meter is not shared
/// between threads: give each scanning thread its own. Each rule evaluation is timed from just
/// before to just after it, so a view the rule is first to read is charged to that rule.
public final class RuleCostMeter {
    /// Nanoseconds spent evaluating each rule, by rule index (`Engine.ruleSet.rules`).
    public private(set) var nanos: [UInt64]
    /// How often each rule was evaluated (its gate let it run), by rule index.
    public private(set) var runs: [Int]
    /// How many of those runs found something: `runs - fired` are runs the gate let through for
    /// nothing, where a sharper gate would save the rule's time.
    public private(set) var fired: [Int]
    /// Per rule index, per gate group (`Prefilter.gateClauses(for:)` order, one per pattern or
    /// branch variant): in how many of its runs every clause of that group was present. Tells
    /// which gate lets a rule run for nothing; empty for a rule that never ran gated.
    public private(set) var groupOpenings: [[Int]]
    /// Nanoseconds building the views the literal pass reads (other views are built by the
    /// first rule that reads them, and charged to it).
    public private(set) var viewNanos: UInt64 = 0
    /// Nanoseconds of the literal pass over those views.
    public private(set) var literalPassNanos: UInt64 = 0
    /// Nanoseconds of the whole scans, from the call to the verdict.
    public private(set) var scanNanos: UInt64 = 0
    /// Scans measured.
    public private(set) var scans = 0

    public init(ruleCount: Int) {
        nanos = [UInt64](repeating: 0, count: ruleCount)
        runs = [Int](repeating: 0, count: ruleCount)
        fired = [Int](repeating: 0, count: ruleCount)
        groupOpenings = [[Int]](repeating: [], count: ruleCount)
    }

    /// Clears every figure (after a warm-up pass, say).
    public func reset() {
        for i in nanos.indices { nanos[i] = 0; runs[i] = 0; fired[i] = 0; groupOpenings[i] = [] }
        viewNanos = 0
        literalPassNanos = 0
        scanNanos = 0
        scans = 0
    }

    /// Nanoseconds spent in all rule evaluations together.
    public var ruleNanos: UInt64 { nanos.reduce(0, +) }

    func addRule(_ index: Int, since start: ContinuousClock.Instant, fired found: Bool) {
        nanos[index] &+= Self.nanoseconds(since: start)
        runs[index] &+= 1
        if found { fired[index] &+= 1 }
    }

    func addOpenGroup(rule index: Int, group: Int, of count: Int) {
        if groupOpenings[index].count < count { groupOpenings[index] = [Int](repeating: 0, count: count) }
        groupOpenings[index][group] &+= 1
    }

    func addViews(since start: ContinuousClock.Instant) { viewNanos &+= Self.nanoseconds(since: start) }

    func addLiteralPass(since start: ContinuousClock.Instant) { literalPassNanos &+= Self.nanoseconds(since: start) }

    func addScan(since start: ContinuousClock.Instant) {
        scanNanos &+= Self.nanoseconds(since: start)
        scans &+= 1
    }

    static func nanoseconds(since start: ContinuousClock.Instant) -> UInt64 {
        let c = (ContinuousClock.now - start).components
        return UInt64(max(0, c.seconds)) &* 1_000_000_000 &+ UInt64(max(0, c.attoseconds / 1_000_000_000))
    }
}
