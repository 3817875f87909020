/// Reads invisible Unicode tag characters (U+E0020-E007E) as the ASCII they shadow. Each
/// run of tag characters becomes one segment; language-tag and cancel tags are skipped.
public enum TagCharDecoder {
    public static func segments(in text: [UInt8]) -> [DecodedSegment] {
        var found = [DecodedSegment]()
        var current: DecodedSegment?
        var i = 0
        while i < text.count {
            // Tag characters are F3 A0 80..81 xx in UTF-8; anything else ends a run.
            if text[i] == 0xF3, i + 3 < text.count, text[i + 1] == 0xA0, text[i + 2] == 0x80 || text[i + 2] == 0x81,
               text[i + 3] & 0xC0 == 0x80 {
                let value = UInt32(text[i + 2] & 0x3F) << 6 | UInt32(text[i + 3] & 0x3F)
                var seg = current ?? DecodedSegment(transform: "tag-chars")
                if value >= 0x20 && value <= 0x7E { seg.append(UInt8(value), from: i..<(i + 4)) }
                current = seg
                i += 4
                continue
            }
            // A visible non-ASCII letter between tag characters (tags shadow ASCII only, so
            // "ü" in a hidden German sentence stays visible) belongs to the hidden text.
            if var seg = current, text[i] >= 0xC2, !Self.isTag(text, at: i) {
                // Up to 8 visible non-ASCII characters in a row, then a tag again.
                var j = i, n = 0
                var parts: [Range<Int>] = []
                while j < text.count, text[j] >= 0xC2, !Self.isTag(text, at: j), n < 8 {
                    let (scalar, len) = UTF8Decoding.decode(text, at: j)
                    guard scalar != nil else { break }
                    parts.append(j..<(j + len))
                    j += len
                    n += 1
                }
                if !parts.isEmpty, Self.isTag(text, at: j) {
                    for r in parts { for k in r { seg.append(text[k], from: r) } }
                    current = seg
                    i = j
                    continue
                }
            }
            if let seg = current, !seg.bytes.isEmpty { found.append(seg) }
            current = nil
            i += 1
        }
        if let seg = current, !seg.bytes.isEmpty { found.append(seg) }
        return found
    }

    static func isTag(_ text: [UInt8], at i: Int) -> Bool {
        i + 3 < text.count && text[i] == 0xF3 && text[i + 1] == 0xA0 && (text[i + 2] == 0x80 || text[i + 2] == 0x81)
    }
}
