import ParapetEngine
import ParapetRules

/// How often each rule fires on benign text, and whether it stays inside its `max_fp_rate`.
public struct FalsePositiveStats: Sendable {
    /// Benign texts whose target the rule applies to.
    public var total: Int = 0
    /// Of those, texts the rule fired on.
    public var hits: Int = 0
    /// A few of the benign texts it fired on (location), for reports.
    public var examples: [SourceLocation] = []
    public var rate: Double { total == 0 ? 0 : Double(hits) / Double(total) }
}

/// Measures per-rule false positives on benign cases and checks declared budgets.
public enum FalsePositiveBudget {
    /// Scans each benign case once with every rule active (paranoia 4), so each rule is measured
    /// whatever its own level; rules are independent, so one scan serves them all.
    public static func measure(engine: Engine, benign: [CorpusCase], ruleFilter: String? = nil) -> [String: FalsePositiveStats] {
        var stats: [String: FalsePositiveStats] = [:]
        let rules = engine.ruleSet.rules.filter { ruleFilter == nil || $0.id == ruleFilter }
        for r in rules { stats[r.id] = FalsePositiveStats() }
        let only: Set<String>? = ruleFilter.map { [$0] }
        for c in benign where c.label == .benign {
            let fired = Set(engine.scan(Array(c.text.utf8), target: c.target, paranoia: 4, only: only).ruleIDs)
            for r in rules where r.spec.appliesTo.contains(c.target) {
                stats[r.id]!.total += 1
                if fired.contains(r.id) {
                    stats[r.id]!.hits += 1
                    if stats[r.id]!.examples.count < 3 { stats[r.id]!.examples.append(c.location) }
                }
            }
        }
        return stats
    }

    /// One `budget` result per rule that declares `max_fp_rate`, located at the rule.
    public static func check(engine: Engine, stats: [String: FalsePositiveStats]) -> [TestResult] {
        var results: [TestResult] = []
        for rule in engine.ruleSet.rules {
            // No benign text for the rule's targets: nothing measured, so neither passed nor failed.
            guard let budget = rule.spec.maxFPRate, let s = stats[rule.id], s.total > 0 else { continue }
            let measured = "\(Percent.format(s.rate)) (\(s.hits)/\(s.total) benign)"
            if s.rate > budget {
                let seen = s.examples.map(\.description).joined(separator: ", ")
                results.append(TestResult(kind: .budget, status: .failed, ruleID: rule.id, location: rule.spec.location,
                                          message: "false-positive rate \(measured) exceeds max_fp_rate \(Percent.format(budget)); fired on \(seen)"))
            } else {
                results.append(TestResult(kind: .budget, status: .passed, ruleID: rule.id, location: rule.spec.location,
                                          message: "false-positive rate \(measured) within max_fp_rate \(Percent.format(budget))"))
            }
        }
        return results
    }
}

/// Percentages printed the same way everywhere (golden tests pin them).
public enum Percent {
    /// `0.0123` → `1.2%`; whole numbers without a decimal (`50%`).
    public static func format(_ ratio: Double) -> String {
        let tenths = Int((ratio * 1000).rounded())
        return tenths % 10 == 0 ? "\(tenths / 10)%" : "\(tenths / 10).\(tenths % 10)%"
    }
}
