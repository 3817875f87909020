import Foundation

/// Renders an evaluation report as plain text tables.
public enum EvalText {
    /// The flag criterion in words, for the per-label header.
    static func flagMeaning(_ flagOn: String) -> String {
        switch flagOn {
        case "block": return "verdict block"
        case "finding": return "any finding"
        default: return "verdict not allow"
        }
    }

    public static func render(_ report: EvalReport, top: Int = 5) -> String {
        var out = ""
        func pct(_ v: Double?) -> String { v.map { String(format: "%6.2f%%", $0 * 100) } ?? "     - " }
        func num(_ v: Double?) -> String { v.map { String(format: "%.3f", $0) } ?? "-" }
        for run in report.runs {
            let c = run.overall
            out += "== \(run.file)  target=\(run.target.rawValue)  paranoia=\(run.paranoia)  pack=\(report.packHash)\n"
            out += "   rows: \(c.positives) positive (\(report.positiveLabels.joined(separator: ","))), \(c.negatives) negative (\(report.negativeLabels.joined(separator: ",")))\n"
            out += "   recall \(pct(c.recall))   false-positive rate \(pct(c.falsePositiveRate))   precision \(pct(c.precision))   F1 \(num(c.f1))\n"
            out += "   confusion: TP \(c.truePositives)  FN \(c.falseNegatives)  FP \(c.falsePositives)  TN \(c.trueNegatives)\n"
            if let p50 = run.latencyPercentile(0.5), let p99 = run.latencyPercentile(0.99) {
                out += String(format: "   latency per scan: p50 %.1f µs, p99 %.1f µs\n", p50, p99)
            }
            if !run.labels.isEmpty {
                out += "   per label (flagged = \(flagMeaning(run.flagOn)); any finding includes score-0 flags):\n"
                for (label, t) in run.labels.sorted(by: { $0.key < $1.key }) {
                    let role = report.positiveLabels.contains(label) ? "positive" : report.negativeLabels.contains(label) ? "negative" : "other"
                    let name = label.padding(toLength: max(16, label.count), withPad: " ", startingAt: 0)
                    let share = t.rows == 0 ? nil : Double(t.flagged) / Double(t.rows)
                    out += "     \(name) \(role.padding(toLength: 8, withPad: " ", startingAt: 0)) \(String(format: "%5d", t.rows)) rows  "
                        + "\(String(format: "%5d", t.flagged)) flagged \(pct(share))  \(String(format: "%5d", t.withFinding)) with any finding\n"
                }
            }
            if run.families.count > 1 {
                out += "   per family:\n"
                for (family, f) in run.families.sorted(by: { $0.key < $1.key }) {
                    let name = family.padding(toLength: max(32, family.count), withPad: " ", startingAt: 0)
                    out += "     \(name) pos \(String(format: "%5d", f.positives)) recall \(pct(f.recall))   neg \(String(format: "%5d", f.negatives)) FPR \(pct(f.falsePositiveRate))\n"
                }
            }
            if !run.falsePositiveRules.isEmpty {
                out += "   rules with most false positives:\n"
                for t in run.falsePositiveRules.prefix(top) {
                    out += "     \(t.count)  \(t.rule)   e.g. \"\(t.snippets.first ?? "")\"\n"
                }
            }
            if !run.truePositiveRules.isEmpty {
                out += "   rules with most true positives:\n"
                for t in run.truePositiveRules.prefix(top) { out += "     \(t.count)  \(t.rule)\n" }
            }
            if !run.badLines.isEmpty { out += "   unreadable lines: \(run.badLines.count)\n" }
            out += "\n"
        }
        return out
    }
}
