import ParapetJSON

/// `parapet test --json`: one JSON object with results, per-rule summary and totals.
public enum TestRunJSON {
    public static func render(_ run: TestRun) -> String {
        var w = JSONWriter(capacity: 1 << 14)
        w.beginObject()
        w.key("summary"); w.beginObject()
        w.key("passed"); w.writeNumber(run.report.passed)
        w.key("failed"); w.writeNumber(run.report.failed)
        w.key("todo"); w.writeNumber(run.report.todo)
        w.key("fixed"); w.writeNumber(run.report.fixed.count)
        w.key("rules"); w.writeNumber(run.rules.count)
        w.key("corpus_cases"); w.writeNumber(run.corpusCases)
        w.key("benign_cases"); w.writeNumber(run.benignCases)
        w.endObject()
        w.key("results"); w.beginArray()
        for r in run.report.results {
            w.beginObject()
            w.key("kind"); w.writeString(r.kind.rawValue)
            w.key("status"); w.writeString(r.status.rawValue)
            w.key("rule"); if let id = r.ruleID { w.writeString(id) } else { w.writeNull() }
            w.key("file"); w.writeString(r.location.file)
            w.key("line"); w.writeNumber(r.location.line)
            w.key("column"); w.writeNumber(r.location.column)
            w.key("message"); w.writeString(r.message)
            w.endObject()
        }
        w.endArray()
        w.key("rules"); w.beginArray()
        for s in run.rules {
            w.beginObject()
            w.key("id"); w.writeString(s.id)
            w.key("passed"); w.writeNumber(s.passed)
            w.key("failed"); w.writeNumber(s.failed)
            w.key("todo"); w.writeNumber(s.todo)
            if let fp = s.falsePositives {
                w.key("benign_hits"); w.writeNumber(fp.hits)
                w.key("benign_total"); w.writeNumber(fp.total)
                w.key("fp_rate"); w.writeNumber(fp.rate)
            }
            if let b = s.maxFPRate { w.key("max_fp_rate"); w.writeNumber(b) }
            if let v = s.survival { w.key("mutation_survival"); w.writeNumber(v) }
            if let m = s.minSurvival { w.key("min_mutation_survival"); w.writeNumber(m) }
            w.endObject()
        }
        w.endArray()
        if let m = run.mutation {
            w.key("mutation"); w.beginObject()
            w.key("total"); w.writeNumber(m.packTotal)
            w.key("detected_by_own_rule"); w.writeNumber(m.packDetected)
            w.key("detected_by_any_rule"); w.writeNumber(m.anyRuleDetected)
            w.key("mutators"); w.beginObject()
            for name in m.mutators {
                let t = m.mutatorTotals(name)
                w.key(name); w.beginObject()
                w.key("detected"); w.writeNumber(t.detected)
                w.key("total"); w.writeNumber(t.total)
                w.endObject()
            }
            w.endObject()
            w.endObject()
        }
        if let p = run.profile {
            w.key("profile"); w.beginArray()
            for t in p {
                w.beginObject()
                w.key("rule"); w.writeString(t.ruleID)
                w.key("ms"); w.writeNumber(Double(t.total.components.seconds) * 1000 + Double(t.total.components.attoseconds) / 1e15)
                w.key("scans"); w.writeNumber(t.scans)
                w.endObject()
            }
            w.endArray()
        }
        w.endObject()
        return w.string
    }
}
