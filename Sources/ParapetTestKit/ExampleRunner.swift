import ParapetEngine
import ParapetRules

/// Runs every rule's embedded examples through the real engine (all views, validators, limits).
public enum ExampleRunner {
    /// Checks `match`, `no_match` and `todo_match` examples of each rule (optionally one rule).
    public static func run(engine: Engine, ruleFilter: String? = nil) -> TestReport {
        var report = TestReport()
        for rule in engine.ruleSet.rules where ruleFilter == nil || rule.id == ruleFilter {
            let spec = rule.spec
            func fires(_ ex: RuleExample) -> Bool {
                let target = ex.target ?? spec.appliesTo.first ?? .input
                // Paranoia 4 so the rule is active whatever its level; only this rule runs.
                let v = engine.scan(Array(ex.text.utf8), target: target, paranoia: 4, only: [spec.id])
                return v.findings.contains { $0.rule == spec.id }
            }
            func snippet(_ ex: RuleExample) -> String {
                let flat = ex.text.replacingOccurrences(of: "\n", with: "\\n")
                return flat.count > 70 ? String(flat.prefix(70)) + "…" : flat
            }
            for ex in spec.examples.match {
                let ok = fires(ex)
                report.results.append(TestResult(kind: .match, status: ok ? .passed : .failed, ruleID: spec.id, location: ex.location,
                                                 message: ok ? "matches" : "expected a match, got none: \"\(snippet(ex))\""))
            }
            for ex in spec.examples.noMatch {
                let ok = !fires(ex)
                report.results.append(TestResult(kind: .noMatch, status: ok ? .passed : .failed, ruleID: spec.id, location: ex.location,
                                                 message: ok ? "stays clean" : "expected no match, but the rule fired: \"\(snippet(ex))\""))
            }
            for ex in spec.examples.todoMatch {
                let now = fires(ex)
                report.results.append(TestResult(kind: .todoMatch, status: now ? .fixed : .todo, ruleID: spec.id, location: ex.location,
                                                 message: now ? "fixed: this todo_match now matches; move it to match" : "known gap: \"\(snippet(ex))\""))
            }
        }
        return report
    }
}
