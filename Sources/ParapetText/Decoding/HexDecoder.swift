/// Finds hex-encoded text: `49676e6f7265...` or pairs split by one space, colon or comma
/// (`49 67 6e ...`), at least 8 bytes, decoding to text (hashes decode to binary and are skipped).
public enum HexDecoder {
    public static let minimumBytes = 8

    public static func segments(in text: [UInt8]) -> [DecodedSegment] {
        var found = [DecodedSegment]()
        var i = 0
        let n = text.count
        while i + 1 < n {
            let boundary = i == 0 || !isWordByte(text[i - 1])
            guard boundary, DecodeSupport.hexValue(text[i]) != nil, DecodeSupport.hexValue(text[i + 1]) != nil else {
                i += 1
                continue
            }
            var seg = DecodedSegment(transform: "hex")
            var p = i
            var separator: UInt8? = nil
            while p + 1 < n, let hi = DecodeSupport.hexValue(text[p]), let lo = DecodeSupport.hexValue(text[p + 1]) {
                seg.append(hi << 4 | lo, from: p..<(p + 2))
                p += 2
                if p + 2 < n, separator == nil || text[p] == separator,
                   text[p] == 0x20 || text[p] == 0x3A || text[p] == 0x2C,
                   DecodeSupport.hexValue(text[p + 1]) != nil, DecodeSupport.hexValue(text[p + 2]) != nil,
                   seg.bytes.count == 1 || separator != nil {
                    // Separated pairs: the separator must follow every pair, starting with the first.
                    separator = text[p]
                    p += 1
                }
            }
            // A trailing odd digit or letter glued on means this is a word, not hex.
            let cleanEnd = p >= n || !isWordByte(text[p])
            if cleanEnd && seg.bytes.count >= minimumBytes && DecodeSupport.isMostlyText(seg.bytes) {
                found.append(seg)
            }
            i = max(p, i + 1)
        }
        return found
    }

    @inline(__always) private static func isWordByte(_ b: UInt8) -> Bool {
        (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A || (b >= 0x30 && b <= 0x39)
    }
}
