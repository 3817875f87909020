import ParapetEngine

/// Renders an `Explanation` for a terminal (ANSI highlight) or a plain stream (`[[...]]`).
public enum ExplanationText {
    public static func render(_ e: Explanation, ansi: Bool) -> String {
        var out: [String] = []
        out.append("target: \(e.target.rawValue), \(e.original.count) bytes")
        out.append("")
        out.append("views:")
        for v in e.views {
            let chain = v.chain.isEmpty ? "(original)" : v.chain.joined(separator: " → ")
            out.append("  \(pad(v.kind.rawValue, 10)) \(pad("\(v.byteCount) B", 9)) \(pad(chain, 28)) \"\(v.preview)\"")
        }
        out.append("")
        if e.contributions.isEmpty {
            out.append("findings: none")
        } else {
            out.append("findings:")
            for c in e.contributions {
                out.append("  \(c.ruleID)  +\(c.score)  (paranoia \(c.paranoia), \(c.action.rawValue), \(c.source))")
                for f in c.findings {
                    let chain = f.chain.isEmpty ? "" : " via " + f.chain.joined(separator: " → ")
                    out.append("    bytes \(f.start)..<\(f.end) in the \(f.view.rawValue) view\(chain)\(f.note.map { " — \($0)" } ?? "")")
                    out.append("    " + highlight(e.original, f.start..<f.end, ansi: ansi))
                }
            }
        }
        if !e.limits.isEmpty {
            out.append("")
            out.append("limits hit:")
            for l in e.limits { out.append("  \(l.kind.rawValue): \(l.detail)") }
        }
        out.append("")
        out.append("score by paranoia level:")
        for l in e.levels {
            let cmp = l.score >= l.threshold ? ">=" : "< "
            let rules = l.rules.isEmpty ? "" : "  (" + l.rules.joined(separator: ", ") + ")"
            out.append("  PL\(l.paranoia)  score \(pad("\(l.score)", 3)) \(cmp) threshold \(l.threshold)  → \(l.decision.rawValue)\(rules)")
        }
        return out.joined(separator: "\n") + "\n"
    }

    static func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }

    /// The span marked inside up to 40 bytes of context on each side, on one line. Cuts are moved
    /// to character boundaries so multi-byte text is never split.
    public static func highlight(_ text: [UInt8], _ span: Range<Int>, ansi: Bool, context: Int = 40) -> String {
        func boundary(_ i: Int, down: Bool) -> Int {
            var i = max(0, min(text.count, i))
            while i > 0, i < text.count, text[i] & 0xC0 == 0x80 { i += down ? -1 : 1 }
            return i
        }
        let s = boundary(span.lowerBound, down: true), e = boundary(span.upperBound, down: false)
        let from = boundary(s - context, down: true), to = boundary(e + context, down: false)
        func str(_ r: Range<Int>) -> String { Snippet.of(String(decoding: text[r], as: UTF8.self), limit: Int.max) }
        let (open, close) = ansi ? ("\u{1B}[1;4;31m", "\u{1B}[0m") : ("[[", "]]")
        return (from > 0 ? "…" : "") + str(from..<s) + open + str(s..<e) + close + str(e..<to) + (to < text.count ? "…" : "")
    }
}
