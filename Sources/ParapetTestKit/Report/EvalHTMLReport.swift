import ParapetRules

/// `parapet eval --report FILE.html`: one self-contained page (inline CSS and SVG, no scripts,
/// no external fonts or images) with recall/FPR charts, confusion matrices, top false-positive
/// rules with snippets, and a latency histogram.
public enum EvalHTMLReport {
    static let recallColor = "#2e7d32", fprColor = "#c62828"

    public static func render(_ report: EvalReport, title: String = "Parapet evaluation", top: Int = 10) -> String {
        var h = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        h += "<title>\(HTML.escape(title))</title>\n<style>\(css)</style>\n</head>\n<body>\n"
        h += "<h1>\(HTML.escape(title))</h1>\n"
        h += "<p class=\"meta\">pack <code>\(HTML.escape(report.packHash))</code> · attacks: \(HTML.escape(report.positiveLabels.joined(separator: ", "))) · benign: \(HTML.escape(report.negativeLabels.joined(separator: ", ")))</p>\n"
        h += summaryTable(report)
        h += "<h2>Recall and false-positive rate per paranoia level</h2>\n"
        h += "<div class=\"chart\">" + SVGChart.groupedBars(title: "All datasets, by paranoia level", series: series, groups: levelGroups(report)) + "</div>\n"
        h += "<h2>Recall and false-positive rate per family</h2>\n"
        for (pl, groups) in familyGroups(report) {
            h += "<div class=\"chart\">" + SVGChart.groupedBars(title: "Families at paranoia \(pl)", series: series, groups: groups) + "</div>\n"
        }
        h += "<h2>Confusion matrices</h2>\n<div class=\"cms\">\n"
        for run in report.runs { h += confusionMatrix(run) }
        h += "</div>\n"
        h += topFalsePositives(report, top: top)
        h += "<h2>Latency</h2>\n"
        h += "<div class=\"chart\">" + SVGChart.histogram(title: "Scan latency, all runs (\(report.runs.reduce(0) { $0 + $1.latenciesMicros.count }) scans)", bins: latencyBins(report)) + "</div>\n"
        h += "</body>\n</html>\n"
        return h
    }

    static let series = [(name: "recall", color: recallColor), (name: "false-positive rate", color: fprColor)]

    static func summaryTable(_ r: EvalReport) -> String {
        var h = "<table class=\"sum\">\n<tr><th>dataset</th><th>target</th><th>PL</th><th>attacks</th><th>benign</th><th>recall</th><th>FPR</th><th>precision</th><th>F1</th><th>p50 µs</th><th>p99 µs</th></tr>\n"
        for run in r.runs {
            let c = run.overall
            h += "<tr><td>\(HTML.escape(run.file))</td><td>\(run.target.rawValue)</td><td>\(run.paranoia)</td><td>\(c.positives)</td><td>\(c.negatives)</td>"
            h += "<td>\(HTML.pct(c.recall))</td><td>\(HTML.pct(c.falsePositiveRate))</td><td>\(HTML.pct(c.precision))</td><td>\(c.f1.map { HTML.num($0 * 100) + "%" } ?? "–")</td>"
            h += "<td>\(run.latencyPercentile(0.5).map { HTML.num($0) } ?? "–")</td><td>\(run.latencyPercentile(0.99).map { HTML.num($0) } ?? "–")</td></tr>\n"
        }
        return h + "</table>\n"
    }

    static func sum(_ items: [Confusion]) -> Confusion {
        var t = Confusion()
        for c in items {
            t.truePositives += c.truePositives
            t.falseNegatives += c.falseNegatives
            t.falsePositives += c.falsePositives
            t.trueNegatives += c.trueNegatives
        }
        return t
    }

    static func levelGroups(_ r: EvalReport) -> [SVGChart.Group] {
        Set(r.runs.map(\.paranoia)).sorted().map { pl in
            let c = sum(r.runs.filter { $0.paranoia == pl }.map(\.overall))
            return SVGChart.Group(label: "PL\(pl)  (\(c.positives) attacks, \(c.negatives) benign)", values: [c.recall, c.falsePositiveRate])
        }
    }

    /// Per paranoia level, one group per family summed over datasets.
    static func familyGroups(_ r: EvalReport) -> [(Int, [SVGChart.Group])] {
        Set(r.runs.map(\.paranoia)).sorted().map { pl in
            var fams: [String: [Confusion]] = [:]
            for run in r.runs where run.paranoia == pl { for (f, c) in run.families { fams[f, default: []].append(c) } }
            let groups = fams.keys.sorted().map { f -> SVGChart.Group in
                let c = sum(fams[f]!)
                return SVGChart.Group(label: "\(f) (\(c.positives)/\(c.negatives))", values: [c.recall, c.falsePositiveRate])
            }
            return (pl, groups)
        }
    }

    static func confusionMatrix(_ run: EvalRun) -> String {
        let c = run.overall
        let total = max(1, c.positives + c.negatives)
        func cell(_ n: Int, _ good: Bool) -> String {
            let alpha = 0.12 + 0.6 * Double(n) / Double(total)
            let rgb = good ? "46,125,50" : "198,40,40"
            return "<td style=\"background:rgba(\(rgb),\(HTML.num(alpha)))\">\(n)</td>"
        }
        var h = "<table class=\"cm\"><caption>\(HTML.escape(run.file)) · PL\(run.paranoia)</caption>"
        h += "<tr><th></th><th>flagged</th><th>allowed</th></tr>"
        h += "<tr><th>attack</th>\(cell(c.truePositives, true))\(cell(c.falseNegatives, false))</tr>"
        h += "<tr><th>benign</th>\(cell(c.falsePositives, false))\(cell(c.trueNegatives, true))</tr></table>\n"
        return h
    }

    static func topFalsePositives(_ r: EvalReport, top: Int) -> String {
        var merged: [String: RuleTally] = [:]
        for run in r.runs {
            for t in run.falsePositiveRules {
                var m = merged[t.rule] ?? RuleTally(rule: t.rule, count: 0, snippets: [])
                m.count += t.count
                for s in t.snippets where m.snippets.count < 3 && !m.snippets.contains(s) { m.snippets.append(s) }
                merged[t.rule] = m
            }
        }
        let ranked = merged.values.sorted { ($0.count, $1.rule) > ($1.count, $0.rule) }.prefix(top)
        var h = "<h2>Rules with the most false positives</h2>\n"
        if ranked.isEmpty { return h + "<p>No false positives.</p>\n" }
        h += "<table class=\"fp\"><tr><th>rule</th><th>false positives</th><th>example benign texts</th></tr>\n"
        for t in ranked {
            let snippets = t.snippets.map { "<li><q>\(HTML.escape($0))</q></li>" }.joined()
            h += "<tr><td><code>\(HTML.escape(t.rule))</code></td><td>\(t.count)</td><td><ul>\(snippets)</ul></td></tr>\n"
        }
        return h + "</table>\n"
    }

    /// Power-of-two microsecond bins from ≤1 µs to ≥64 ms.
    static func latencyBins(_ r: EvalReport) -> [(label: String, count: Int)] {
        let bounds: [Double] = (0...16).map { Double(1 << $0) }
        var counts = [Int](repeating: 0, count: bounds.count + 1)
        for run in r.runs {
            for v in run.latenciesMicros {
                counts[bounds.firstIndex { v <= $0 } ?? bounds.count] += 1
            }
        }
        // Trim empty bins at both ends so the chart shows where the data is.
        guard let first = counts.firstIndex(where: { $0 > 0 }), let last = counts.lastIndex(where: { $0 > 0 }) else {
            return [("no data", 0)]
        }
        return (first...last).map { i in
            let label = i < bounds.count ? (bounds[i] >= 1000 ? "\(Int(bounds[i]) / 1000)k" : "\(Int(bounds[i]))") : ">65k"
            return (label, counts[i])
        }
    }

    static let css = """
    body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px;color:#222;max-width:960px}
    h1{font-size:22px}h2{font-size:17px;margin-top:28px;border-bottom:1px solid #ddd}
    .meta{color:#555}table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right;font-size:13px}
    td:first-child,th:first-child{text-align:left}.cms{display:flex;flex-wrap:wrap;gap:16px}.cm td{width:70px;text-align:center;font-weight:600}
    .cm caption{font-size:13px;color:#444;padding-bottom:4px}.fp td{vertical-align:top;text-align:left}.fp ul{margin:0;padding-left:18px}
    svg text{font-size:12px;fill:#222}svg .ct{font-size:14px;font-weight:600}svg .ax{fill:#666;font-size:11px}svg .val{font-size:11px}
    svg .grid{stroke:#ddd;stroke-width:1}.chart{margin:8px 0}
    """
}
