import ParapetEngine
import ParapetRules

/// One line of the per-rule summary: how the rule did on every kind of check.
public struct RuleSummary: Sendable {
    public var id: String
    public var location: SourceLocation
    public var passed = 0
    public var failed = 0
    public var todo = 0
    /// Benign false positives (nil when no benign text applied to the rule's targets).
    public var falsePositives: FalsePositiveStats?
    public var maxFPRate: Double?
    public var survival: Double?
    public var minSurvival: Double?

    public var ok: Bool { failed == 0 }

    static func build(engine: Engine, results: [TestResult], falsePositives: [String: FalsePositiveStats],
                      mutation: MutationReport?, ruleFilter: String?) -> [RuleSummary] {
        var byID: [String: RuleSummary] = [:]
        var order: [String] = []
        for rule in engine.ruleSet.rules where ruleFilter == nil || rule.id == ruleFilter {
            var s = RuleSummary(id: rule.id, location: rule.spec.location)
            if let fp = falsePositives[rule.id], fp.total > 0 { s.falsePositives = fp }
            s.maxFPRate = rule.spec.maxFPRate
            s.minSurvival = rule.spec.minMutationSurvival
            if let m = mutation?.rules.first(where: { $0.ruleID == rule.id }), m.total > 0 { s.survival = m.survival }
            byID[rule.id] = s
            order.append(rule.id)
        }
        for r in results {
            guard let id = r.ruleID, byID[id] != nil else { continue }
            switch r.status {
            case .passed, .fixed: byID[id]!.passed += 1
            case .failed: byID[id]!.failed += 1
            case .todo: byID[id]!.todo += 1
            }
        }
        return order.map { byID[$0]! }
    }
}
