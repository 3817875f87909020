/// The contents of HTML / Markdown comments (`<!-- ... -->`): invisible when rendered,
/// so a natural hiding place for instructions. An unclosed comment runs to the end.
public enum HTMLCommentExtractor {
    public static func segments(in text: [UInt8]) -> [DecodedSegment] {
        var found = [DecodedSegment]()
        var i = 0
        let n = text.count
        while i + 4 <= n {
            guard text[i] == 0x3C, text[i + 1] == 0x21, text[i + 2] == 0x2D, text[i + 3] == 0x2D else { i += 1; continue }
            let start = i + 4
            var end = start
            while end + 3 <= n && !(text[end] == 0x2D && text[end + 1] == 0x2D && text[end + 2] == 0x3E) { end += 1 }
            let close = end + 3 <= n
            if !close { end = n }
            var seg = DecodedSegment(transform: "html-comment")
            for p in start..<end { seg.append(text[p], from: p..<(p + 1)) }
            if seg.bytes.contains(where: { $0 > 0x20 }) { found.append(seg) }
            i = close ? end + 3 : n
        }
        return found
    }
}

extension HTMLCommentExtractor {
    /// True when `<!--` occurs in `t`.
    static func hasOpening(_ t: [UInt8]) -> Bool {
        var i = 0
        while i + 4 <= t.count {
            if t[i] == 0x3C && t[i + 1] == 0x21 && t[i + 2] == 0x2D && t[i + 3] == 0x2D { return true }
            i += 1
        }
        return false
    }
}
