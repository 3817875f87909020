import ParapetDetectors

/// How a model does on rows it was not trained on (and, for comparison, on the ones it was):
/// per group, recall on attacks and false-positive rate on benign rows at several thresholds.
public struct HoldoutReport: Sendable {
    public static let thresholds: [Double] = [0.5, 0.7, 0.8, 0.9, 0.95, 0.98, 0.99]

    public struct Row: Sendable {
        public var group: String
        public var heldOut: Bool
        public var positives = 0
        public var negatives = 0
        /// Flagged count per threshold (attacks caught or benign rows flagged).
        public var flagged: [Int] = Array(repeating: 0, count: HoldoutReport.thresholds.count)
    }

    public var rows: [Row] = []

    /// Scores every example with the (quantized) model, grouping by `group(example)`.
    public static func measure(model: LinearModel, examples: [TrainingExample], heldOut: (TrainingExample) -> Bool,
                               group: (TrainingExample) -> String) -> HoldoutReport {
        var table: [String: Row] = [:]
        for e in examples {
            let held = heldOut(e)
            let key = group(e) + (e.positive ? " (attacks)" : " (benign)") + (held ? "" : " [train]")
            var row = table[key] ?? Row(group: key, heldOut: held)
            if e.positive { row.positives += 1 } else { row.negatives += 1 }
            let p = model.probability(e.canonical)
            for (i, t) in thresholds.enumerated() where p >= t { row.flagged[i] += 1 }
            table[key] = row
        }
        return HoldoutReport(rows: table.values.sorted { ($0.heldOut ? 0 : 1, $0.group) < ($1.heldOut ? 0 : 1, $1.group) })
    }

    /// A fixed-width table: recall for attack groups, FPR for benign groups, in percent.
    public var text: String {
        var out = "group".padding(toLength: 64, withPad: " ", startingAt: 0) + "  rows"
        for t in Self.thresholds { out += "  p>=" + String(t).padding(toLength: 4, withPad: " ", startingAt: 0) }
        out += "\n"
        for r in rows {
            let n = r.positives + r.negatives
            out += r.group.padding(toLength: 64, withPad: " ", startingAt: 0)
            out += String(repeating: " ", count: max(0, 6 - String(n).count)) + String(n)
            for f in r.flagged {
                let pct = n == 0 ? 0 : Double(f) * 100 / Double(n)
                let s = String(Double((pct * 10).rounded()) / 10) + "%"
                out += String(repeating: " ", count: max(1, 9 - s.count)) + s
            }
            out += "\n"
        }
        return out
    }
}
