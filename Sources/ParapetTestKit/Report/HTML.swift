/// Escaping for HTML text and attribute values; everything user-supplied goes through here.
public enum HTML {
    /// Escapes `& < > " '`; control characters other than tab/newline become U+FFFD.
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                if (u.value < 0x20 && u != "\n" && u != "\t") || u.value == 0x7F { out += "\u{FFFD}" } else { out.unicodeScalars.append(u) }
            }
        }
        return out
    }

    /// A ratio as a percentage with one decimal, or an en dash when undefined.
    static func pct(_ v: Double?) -> String { v.map { Percent.format($0) } ?? "–" }

    /// Fixed-point number text without Foundation (SVG coordinates).
    static func num(_ v: Double) -> String {
        let tenths = Int((v * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        return "\(sign)\(abs(tenths) / 10).\(abs(tenths) % 10)"
    }
}
