/// Small inline SVG charts: no scripts, no fonts beyond the system's, readable without colour.
public enum SVGChart {
    /// One labelled group of bars (e.g. a family with its recall and false-positive rate).
    public struct Group: Sendable {
        public var label: String
        /// Values in 0...1, or nil when undefined (drawn as "n/a").
        public var values: [Double?]
        public init(label: String, values: [Double?]) {
            self.label = label
            self.values = values
        }
    }

    /// Horizontal grouped bars on a 0–100% scale; `series` names and colours each bar of a group.
    public static func groupedBars(title: String, series: [(name: String, color: String)], groups: [Group], width: Int = 900) -> String {
        let labelW = 260.0, barH = 14.0, gap = 10.0, top = 46.0
        let plotW = Double(width) - labelW - 70
        let groupH = Double(series.count) * barH + gap
        let height = top + Double(groups.count) * groupH + 30
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"\(width)\" height=\"\(Int(height))\" viewBox=\"0 0 \(width) \(Int(height))\">"
        s += "<title>\(HTML.escape(title))</title>"
        s += "<text x=\"0\" y=\"16\" class=\"ct\">\(HTML.escape(title))</text>"
        var lx = labelW
        for se in series {
            s += "<rect x=\"\(HTML.num(lx))\" y=\"24\" width=\"12\" height=\"12\" fill=\"\(se.color)\"/><text x=\"\(HTML.num(lx + 16))\" y=\"34\">\(HTML.escape(se.name))</text>"
            lx += 20 + Double(se.name.count) * 7.5
        }
        for tick in stride(from: 0, through: 100, by: 25) {
            let x = labelW + plotW * Double(tick) / 100
            s += "<line x1=\"\(HTML.num(x))\" y1=\"\(HTML.num(top - 4))\" x2=\"\(HTML.num(x))\" y2=\"\(HTML.num(height - 24))\" class=\"grid\"/>"
            s += "<text x=\"\(HTML.num(x))\" y=\"\(HTML.num(height - 10))\" text-anchor=\"middle\" class=\"ax\">\(tick)%</text>"
        }
        for (gi, g) in groups.enumerated() {
            let y0 = top + Double(gi) * groupH
            s += "<text x=\"\(HTML.num(labelW - 8))\" y=\"\(HTML.num(y0 + Double(series.count) * barH / 2 + 4))\" text-anchor=\"end\">\(HTML.escape(shorten(g.label, 36)))</text>"
            for (si, se) in series.enumerated() {
                let y = y0 + Double(si) * barH
                guard si < g.values.count, let v = g.values[si] else {
                    s += "<text x=\"\(HTML.num(labelW + 4))\" y=\"\(HTML.num(y + barH - 3))\" class=\"ax\">n/a</text>"
                    continue
                }
                let w = max(1, plotW * min(1, max(0, v)))
                s += "<rect x=\"\(HTML.num(labelW))\" y=\"\(HTML.num(y + 1))\" width=\"\(HTML.num(w))\" height=\"\(HTML.num(barH - 2))\" fill=\"\(se.color)\"><title>\(HTML.escape("\(g.label) \(se.name): \(HTML.pct(v))"))</title></rect>"
                s += "<text x=\"\(HTML.num(labelW + w + 4))\" y=\"\(HTML.num(y + barH - 3))\" class=\"val\">\(HTML.pct(v))</text>"
            }
        }
        return s + "</svg>"
    }

    /// Vertical histogram: `bins` are (label, count), drawn left to right.
    public static func histogram(title: String, bins: [(label: String, count: Int)], color: String = "#3b6ea5", width: Int = 900) -> String {
        let height = 260.0, left = 50.0, bottom = 60.0, top = 30.0
        let plotH = height - bottom - top
        let maxCount = max(1, bins.map(\.count).max() ?? 1)
        let barW = (Double(width) - left - 10) / Double(max(1, bins.count))
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"\(width)\" height=\"\(Int(height))\" viewBox=\"0 0 \(width) \(Int(height))\">"
        s += "<title>\(HTML.escape(title))</title><text x=\"0\" y=\"16\" class=\"ct\">\(HTML.escape(title))</text>"
        s += "<line x1=\"\(HTML.num(left))\" y1=\"\(HTML.num(top))\" x2=\"\(HTML.num(left))\" y2=\"\(HTML.num(height - bottom))\" class=\"grid\"/>"
        s += "<text x=\"\(HTML.num(left - 6))\" y=\"\(HTML.num(top + 10))\" text-anchor=\"end\" class=\"ax\">\(maxCount)</text>"
        s += "<text x=\"\(HTML.num(left - 6))\" y=\"\(HTML.num(height - bottom))\" text-anchor=\"end\" class=\"ax\">0</text>"
        for (i, b) in bins.enumerated() {
            let h = plotH * Double(b.count) / Double(maxCount)
            let x = left + Double(i) * barW
            s += "<rect x=\"\(HTML.num(x + 2))\" y=\"\(HTML.num(height - bottom - h))\" width=\"\(HTML.num(max(1, barW - 4)))\" height=\"\(HTML.num(h))\" fill=\"\(color)\"><title>\(HTML.escape("\(b.label): \(b.count)"))</title></rect>"
            s += "<text x=\"\(HTML.num(x + barW / 2))\" y=\"\(HTML.num(height - bottom + 14))\" text-anchor=\"middle\" class=\"ax\">\(HTML.escape(b.label))</text>"
            if b.count > 0 {
                s += "<text x=\"\(HTML.num(x + barW / 2))\" y=\"\(HTML.num(height - bottom - h - 3))\" text-anchor=\"middle\" class=\"val\">\(b.count)</text>"
            }
        }
        s += "<text x=\"\(HTML.num(left + (Double(width) - left) / 2))\" y=\"\(HTML.num(height - 20))\" text-anchor=\"middle\" class=\"ax\">scan latency (µs, bin upper bound)</text>"
        return s + "</svg>"
    }

    static func shorten(_ s: String, _ n: Int) -> String { s.count <= n ? s : String(s.prefix(n - 1)) + "…" }
}
