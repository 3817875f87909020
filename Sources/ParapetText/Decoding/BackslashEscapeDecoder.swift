/// Decodes `\uXXXX` (with surrogate pairs), `\u{X..}`, `\UXXXXXXXX` and `\xXX` escapes in the
/// whole text. `\xXX` yields a raw byte so escaped UTF-8 (`\xc3\xa9`) decodes correctly.
/// Returns nil when no escape was found.
public enum BackslashEscapeDecoder {
    public static func segment(in text: [UInt8]) -> DecodedSegment? {
        // Backslashes in prose, code and LaTeX seldom start an escape this reads: look for one
        // before copying the text into a segment byte by byte.
        guard hasEscape(text) else { return nil }
        var seg = DecodedSegment(transform: "escape")
        var found = 0
        var i = 0
        while i < text.count {
            if text[i] == 0x5C, i + 1 < text.count, let (value, len) = escape(text, at: i) {
                if value.isByte {
                    seg.append(UInt8(value.code), from: i..<(i + len))
                    found += 1
                    i += len
                    continue
                }
                var code = value.code, total = len
                // A high surrogate followed by a low one encodes one astral scalar.
                if (0xD800...0xDBFF).contains(code), let (low, len2) = escape(text, at: i + len),
                   !low.isByte, (0xDC00...0xDFFF).contains(low.code) {
                    code = 0x10000 + ((code - 0xD800) << 10) + (low.code - 0xDC00)
                    total += len2
                }
                if let s = Unicode.Scalar(code) {
                    seg.append(scalar: s, from: i..<(i + total))
                    found += 1
                    i += total
                    continue
                }
            }
            seg.append(text[i], from: i..<(i + 1))
            i += 1
        }
        return found > 0 ? seg : nil
    }

    /// Whether some backslash in `t` starts an escape `escape(_:at:)` reads (which a decoded
    /// segment needs; a lone surrogate escape still decodes to nothing).
    static func hasEscape(_ t: [UInt8]) -> Bool {
        var from = 0
        while let k = t[from...].firstIndex(of: 0x5C) {
            if escape(t, at: k) != nil { return true }
            from = k + 1
        }
        return false
    }

    /// The escape at `i` (which must be a backslash): code and whether it is a raw byte.
    static func escape(_ t: [UInt8], at i: Int) -> ((code: UInt32, isByte: Bool), Int)? {
        guard i + 1 < t.count, t[i] == 0x5C else { return nil }
        func hex(_ from: Int, _ count: Int) -> UInt32? {
            guard from + count <= t.count else { return nil }
            var v: UInt32 = 0
            for k in from..<(from + count) {
                guard let d = DecodeSupport.hexValue(t[k]) else { return nil }
                v = v << 4 | UInt32(d)
            }
            return v
        }
        switch t[i + 1] {
        case 0x78:  // \xXX
            return hex(i + 2, 2).map { (($0, true), 4) }
        case 0x75 where i + 2 < t.count && t[i + 2] == 0x7B:  // \u{...}
            var p = i + 3, v: UInt32 = 0
            while p < t.count, p - i - 3 < 6, let d = DecodeSupport.hexValue(t[p]) { v = v << 4 | UInt32(d); p += 1 }
            guard p > i + 3, p < t.count, t[p] == 0x7D else { return nil }
            return ((v, false), p + 1 - i)
        case 0x75:  // \uXXXX
            return hex(i + 2, 4).map { (($0, false), 6) }
        case 0x55:  // \UXXXXXXXX
            return hex(i + 2, 8).map { (($0, false), 10) }
        default:
            return nil
        }
    }
}
