import ParapetEngine
import ParapetRules

/// Checks corpus cases against the engine: the expected decision and the rules that must (not) fire.
public enum CorpusRunner {
    /// One result per case. With `ruleFilter`, only cases naming that rule in `must_fire` /
    /// `must_not_fire` run, and only those assertions are checked (the rule runs alone).
    public static func run(engine: Engine, cases: [CorpusCase], paranoia: Int? = nil, ruleFilter: String? = nil) -> [TestResult] {
        let known = Set(engine.ruleSet.rules.map(\.id))
        var results: [TestResult] = []
        for c in cases {
            if let ruleFilter, !c.mustFire.contains(ruleFilter), !c.mustNotFire.contains(ruleFilter) { continue }
            let pl = c.paranoia ?? paranoia ?? 1
            let only: Set<String>? = ruleFilter.map { [$0] }
            let verdict = engine.scan(Array(c.text.utf8), target: c.target, paranoia: pl, only: only)
            let fired = Set(verdict.ruleIDs)
            var problems: [(rule: String?, text: String)] = []
            if ruleFilter == nil, !c.meetsExpectation(verdict) {
                let rules = verdict.ruleIDs
                let got = c.expect == .flag ? "no finding" : verdict.decision.rawValue
                let detail = rules.isEmpty ? "no rule fired" : "fired: " + rules.joined(separator: ", ")
                problems.append((rules.first, "expected \(c.expect.rawValue), got \(got) (score \(verdict.score)/\(verdict.threshold) at paranoia \(pl); \(detail))"))
            }
            for id in c.mustFire where ruleFilter == nil || id == ruleFilter {
                if !known.contains(id) { problems.append((id, "must_fire names an unknown rule")) }
                else if !fired.contains(id) { problems.append((id, "must fire at paranoia \(pl), but did not")) }
            }
            for id in c.mustNotFire where ruleFilter == nil || id == ruleFilter {
                if !known.contains(id) { problems.append((id, "must_not_fire names an unknown rule")) }
                else if fired.contains(id) { problems.append((id, "must not fire, but did")) }
            }
            let snippet = Snippet.of(c.text)
            let rule = problems.first?.rule ?? c.mustFire.first
            if problems.isEmpty {
                if let todo = c.todo {
                    results.append(TestResult(kind: .corpus, status: .fixed, ruleID: rule, location: c.location,
                                              message: "fixed: todo case now passes (\(todo)); remove \"todo\""))
                } else {
                    results.append(TestResult(kind: .corpus, status: .passed, ruleID: rule, location: c.location, message: "\(c.label.rawValue) ok"))
                }
            } else {
                let text = problems.map(\.text).joined(separator: "; ")
                let status: TestResult.Status = c.todo == nil ? .failed : .todo
                let prefix = c.todo.map { "known gap (\($0)): " } ?? ""
                results.append(TestResult(kind: .corpus, status: status, ruleID: rule, location: c.location,
                                          message: "\(prefix)\(c.label.rawValue) case: \(text): \"\(snippet)\""))
            }
        }
        return results
    }
}

/// Short one-line excerpts of example texts for messages.
public enum Snippet {
    /// The text on one line (newlines shown as `\n`), cut to `limit` characters.
    public static func of(_ text: String, limit: Int = 70) -> String {
        var out = ""
        var n = 0
        for ch in text {
            if n == limit { return out + "…" }
            if ch == "\n" { out += "\\n" } else if ch == "\r" { out += "\\r" } else { out.append(ch) }
            n += 1
        }
        return out
    }
}
