import ParapetEngine
import ParapetRules

/// Time one rule spent scanning the corpus.
public struct RuleTiming: Sendable {
    public var ruleID: String
    public var total: Duration
    public var scans: Int
    public var perScan: Duration { scans == 0 ? .zero : total / scans }
}

/// `parapet test --profile`: each rule alone over every corpus text, slowest first.
public enum RuleProfiler {
    public static func profile(engine: Engine, cases: [CorpusCase], ruleFilter: String? = nil) -> [RuleTiming] {
        let clock = ContinuousClock()
        let texts = cases.map { (Array($0.text.utf8), $0.target) }
        var timings: [RuleTiming] = []
        for rule in engine.ruleSet.rules where ruleFilter == nil || rule.id == ruleFilter {
            let only: Set<String> = [rule.id]
            var scans = 0
            let elapsed = clock.measure {
                for (bytes, target) in texts where rule.spec.appliesTo.contains(target) {
                    _ = engine.scan(bytes, target: target, paranoia: 4, only: only)
                    scans += 1
                }
            }
            timings.append(RuleTiming(ruleID: rule.id, total: elapsed, scans: scans))
        }
        return timings.sorted { ($0.total, $1.ruleID) > ($1.total, $0.ruleID) }
    }

    /// Milliseconds with three decimals, for tables.
    public static func milliseconds(_ d: Duration) -> String {
        let us = Int(d.components.seconds * 1_000_000 + d.components.attoseconds / 1_000_000_000_000)
        let frac = us % 1000
        return "\(us / 1000)." + String(repeating: "0", count: 3 - String(frac).count) + String(frac)
    }
}
