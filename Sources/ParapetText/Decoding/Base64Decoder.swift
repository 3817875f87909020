/// Finds base64 runs (standard or URL-safe alphabet, >= 16 characters) that decode to text.
public enum Base64Decoder {
    /// Minimum run length (without padding) worth trying.
    public static let minimumRun = 16

    static let alphabet: [UInt8] = (0..<256).map { b -> UInt8 in
        switch b {
        case 0x41...0x5A: return UInt8(b - 0x41)
        case 0x61...0x7A: return UInt8(b - 0x61 + 26)
        case 0x30...0x39: return UInt8(b - 0x30 + 52)
        case 0x2B, 0x2D: return 62
        case 0x2F, 0x5F: return 63
        default: return 0xFF
        }
    }

    @inline(__always) static func isAlphabet(_ b: UInt8) -> Bool { alphabet[Int(b)] != 0xFF }

    /// Every decodable base64 run of `text`.
    public static func segments(in text: [UInt8]) -> [DecodedSegment] {
        var found = [DecodedSegment]()
        var i = 0
        while i < text.count {
            guard isAlphabet(text[i]) else { i += 1; continue }
            var end = i
            while end < text.count && isAlphabet(text[end]) { end += 1 }
            if end - i >= minimumRun {
                // A word glued in front shifts the 4-character grid: try each alignment.
                for shift in 0..<4 where end - i - shift >= minimumRun {
                    if let seg = decode(text, (i + shift)..<end) { found.append(seg); break }
                }
            }
            i = end
        }
        return found
    }

    /// Decodes `r` of `text` (no padding inside) if the result is mostly text.
    static func decode(_ text: [UInt8], _ r: Range<Int>) -> DecodedSegment? {
        var seg = DecodedSegment(transform: "base64")
        var acc: UInt32 = 0, bits = 0
        var groupStart = r.lowerBound
        for p in r {
            if (p - r.lowerBound) % 4 == 0 { groupStart = p }
            acc = acc << 6 | UInt32(alphabet[Int(text[p])])
            bits += 6
            if bits >= 8 {
                bits -= 8
                let groupEnd = min(groupStart + 4, r.upperBound)
                seg.append(UInt8(truncatingIfNeeded: acc >> UInt32(bits)), from: groupStart..<groupEnd)
                acc &= (1 << UInt32(bits)) - 1
            }
        }
        return DecodeSupport.isMostlyText(seg.bytes) ? seg : nil
    }
}
