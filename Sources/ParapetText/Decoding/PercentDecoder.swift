/// Percent-decodes the whole text (`%69gnore` -> `ignore`); other bytes pass through.
/// Returns nil when the text holds no `%XX` escape.
public enum PercentDecoder {
    public static func segment(in text: [UInt8]) -> DecodedSegment? {
        var seg = DecodedSegment(transform: "percent")
        var escapes = 0
        var i = 0
        while i < text.count {
            if text[i] == 0x25, i + 2 < text.count,
               let hi = DecodeSupport.hexValue(text[i + 1]), let lo = DecodeSupport.hexValue(text[i + 2]) {
                seg.append(hi << 4 | lo, from: i..<(i + 3))
                escapes += 1
                i += 3
            } else {
                seg.append(text[i], from: i..<(i + 1))
                i += 1
            }
        }
        return escapes > 0 ? seg : nil
    }
}
