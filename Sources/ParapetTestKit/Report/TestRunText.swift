/// The human-readable `parapet test` output: problem lines, per-rule table, closing line.
public enum TestRunText {
    /// Every line to print, in order; the last is always `N passed, N failed`.
    public static func lines(_ run: TestRun, verbose: Bool = false) -> [String] {
        var out: [String] = []
        for r in run.report.results where r.failed || r.status == .fixed || verbose {
            out.append(r.line)
        }
        if !run.rules.isEmpty {
            out.append("")
            out += ruleTable(run.rules)
        }
        if let m = run.mutation { out.append(""); out += mutationLines(m) }
        if let p = run.profile { out.append(""); out += profileLines(p) }
        out.append("")
        var counts = "\(run.rules.count) rules, \(run.corpusCases) corpus cases, \(run.benignCases) benign for budgets"
        if run.report.todo > 0 { counts += ", \(run.report.todo) todo" }
        out.append(counts)
        out.append(run.report.summaryLine)
        return out
    }

    static func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }
    static func padLeft(_ s: String, _ n: Int) -> String { s.count >= n ? s : String(repeating: " ", count: n - s.count) + s }

    /// One row per rule: checks passed/failed/todo, benign false-positive rate, mutation survival.
    public static func ruleTable(_ rules: [RuleSummary]) -> [String] {
        let w = max(24, rules.map(\.id.count).max() ?? 0) + 2
        var out = [pad("rule", w) + "pass fail todo  " + pad("benign fp", 22) + "mutation survival"]
        for r in rules {
            var fp = "-"
            if let s = r.falsePositives { fp = "\(Percent.format(s.rate)) (\(s.hits)/\(s.total))" }
            if let b = r.maxFPRate { fp += " max \(Percent.format(b))" }
            var mut = r.survival.map { Percent.format($0) } ?? "-"
            if let m = r.minSurvival { mut += " min \(Percent.format(m))" }
            out.append(pad(r.id, w) + padLeft("\(r.passed)", 4) + padLeft("\(r.failed)", 5) + padLeft("\(r.todo)", 5) + "  " + pad(fp, 22) + mut)
        }
        return out
    }

    public static func mutationLines(_ m: MutationReport) -> [String] {
        var out = ["mutation survival by mutator (rule still fires on its own mutated positives):"]
        for name in m.mutators {
            let t = m.mutatorTotals(name)
            let share = t.total == 0 ? 0 : Double(t.detected) / Double(t.total)
            out.append("  " + pad(name, 12) + padLeft(Percent.format(share), 7) + "  (\(t.detected)/\(t.total))")
        }
        let pack = m.packTotal == 0 ? 0 : Double(m.packDetected) / Double(m.packTotal)
        let any = m.packTotal == 0 ? 0 : Double(m.anyRuleDetected) / Double(m.packTotal)
        out.append("pack: \(Percent.format(pack)) of \(m.packTotal) mutants still caught by their own rule; \(Percent.format(any)) caught by some rule")
        return out
    }

    public static func profileLines(_ p: [RuleTiming]) -> [String] {
        var out = ["rule time over the corpus (slowest first):"]
        let w = max(24, p.map(\.ruleID.count).max() ?? 0) + 2
        for t in p {
            out.append("  " + pad(t.ruleID, w) + padLeft(RuleProfiler.milliseconds(t.total), 10) + " ms  \(t.scans) scans")
        }
        return out
    }
}
