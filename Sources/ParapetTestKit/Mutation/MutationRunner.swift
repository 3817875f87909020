import ParapetEngine
import ParapetRules

/// Survival of one rule's positive examples under each mutator.
public struct RuleMutationStats: Sendable {
    public var ruleID: String
    public var location: SourceLocation
    /// Mutator name → (still detected, tried).
    public var byMutator: [String: (detected: Int, total: Int)] = [:]
    public var minimum: Double?

    public var detected: Int { byMutator.values.reduce(0) { $0 + $1.detected } }
    public var total: Int { byMutator.values.reduce(0) { $0 + $1.total } }
    public var survival: Double { total == 0 ? 0 : Double(detected) / Double(total) }
}

/// The outcome of `parapet test --mutate`.
public struct MutationReport: Sendable {
    public var mutators: [String]
    public var rules: [RuleMutationStats]
    /// Mutants on which the rule itself fired / all mutants.
    public var packDetected: Int { rules.reduce(0) { $0 + $1.detected } }
    public var packTotal: Int { rules.reduce(0) { $0 + $1.total } }
    /// Mutants on which at least one rule of the pack fired (any rule may catch an evasion).
    public var anyRuleDetected: Int

    /// Per mutator over the pack: (rule still fired, tried).
    public func mutatorTotals(_ name: String) -> (detected: Int, total: Int) {
        rules.reduce((0, 0)) { acc, r in
            let m = r.byMutator[name] ?? (0, 0)
            return (acc.0 + m.detected, acc.1 + m.total)
        }
    }
}

/// Applies every mutator to every positive (`match`) example and checks the rule still fires.
public enum MutationRunner {
    public static func run(engine: Engine, mutators: [any Mutator] = Mutators.all, ruleFilter: String? = nil) -> MutationReport {
        var rules: [RuleMutationStats] = []
        var anyDetected = 0
        for rule in engine.ruleSet.rules where ruleFilter == nil || rule.id == ruleFilter {
            var stats = RuleMutationStats(ruleID: rule.id, location: rule.spec.location, minimum: rule.spec.minMutationSurvival)
            for m in mutators { stats.byMutator[m.name] = (0, 0) }
            for (i, ex) in rule.spec.examples.match.enumerated() {
                let target = ex.target ?? rule.spec.appliesTo.first ?? .input
                for m in mutators {
                    let mutant = Array(m.mutate(ex.text, seed: stableSeed(rule.id, String(i), m.name)).utf8)
                    let v = engine.scan(mutant, target: target, paranoia: 4)
                    let fired = v.findings.contains { $0.rule == rule.id }
                    if !v.findings.isEmpty { anyDetected += 1 }
                    var cell = stats.byMutator[m.name]!
                    cell.total += 1
                    if fired { cell.detected += 1 }
                    stats.byMutator[m.name] = cell
                }
            }
            rules.append(stats)
        }
        return MutationReport(mutators: mutators.map(\.name), rules: rules, anyRuleDetected: anyDetected)
    }

    /// One `mutation` result per rule declaring `min_mutation_survival`.
    public static func check(_ report: MutationReport) -> [TestResult] {
        report.rules.compactMap { r in
            guard let min = r.minimum else { return nil }
            let measured = "\(Percent.format(r.survival)) (\(r.detected)/\(r.total) mutants)"
            if r.survival + 1e-9 < min {
                let weakest = r.byMutator.filter { $0.value.detected < $0.value.total }.keys.sorted().joined(separator: ", ")
                return TestResult(kind: .mutation, status: .failed, ruleID: r.ruleID, location: r.location,
                                  message: "mutation survival \(measured) below min_mutation_survival \(Percent.format(min)); evaded by: \(weakest)")
            }
            return TestResult(kind: .mutation, status: .passed, ruleID: r.ruleID, location: r.location,
                              message: "mutation survival \(measured) meets min_mutation_survival \(Percent.format(min))")
        }
    }
}
