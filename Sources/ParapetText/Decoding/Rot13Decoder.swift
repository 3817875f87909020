/// ROT13 of the whole text, only when the text itself mentions rot13 or a Caesar cipher
/// (otherwise every prompt would get a meaningless rotated twin).
public enum Rot13Decoder {
    public static func segment(in text: [UInt8]) -> DecodedSegment? {
        guard mentionsRot13(text) else { return nil }
        var seg = DecodedSegment(transform: "rot13")
        for (i, b) in text.enumerated() { seg.append(rotate(b), from: i..<(i + 1)) }
        return seg
    }

    @inline(__always) static func rotate(_ b: UInt8) -> UInt8 {
        switch b {
        case 0x41...0x5A: return (b - 0x41 + 13) % 26 + 0x41
        case 0x61...0x7A: return (b - 0x61 + 13) % 26 + 0x61
        default: return b
        }
    }

    /// Case-insensitive search for "rot13", "rot-13", "rot 13" or "caesar". Every such word
    /// holds the pair "13" or "ae", rare in prose: eight-byte blocks without either pair are
    /// skipped, and only starts near a pair are tried.
    static func mentionsRot13(_ t: [UInt8]) -> Bool {
        let n = t.count
        return t.withUnsafeBytes { raw in
            let ones = ASCIIScan.ones
            var i = 0
            while i + 8 <= n {
                let x = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                let folded = x | ones &* 0x20
                let a = ASCIIScan.zeroBytes(folded ^ ones &* 0x61), e = ASCIIScan.zeroBytes(folded ^ ones &* 0x65)
                let d1 = ASCIIScan.zeroBytes(x ^ ones &* 0x31), d3 = ASCIIScan.zeroBytes(x ^ ones &* 0x33)
                // A pair's first byte in lanes 0-6 (lane 7's partner is the next block's lane 0).
                if (a & e >> 8 | d1 & d3 >> 8) != 0, mentionsRot13(t, starts: max(0, i - 5)..<(i + 7)) { return true }
                i += 7
            }
            return mentionsRot13(t, starts: max(0, i - 5)..<n)
        }
    }

    /// The byte-by-byte search, for words starting in `starts` (the specification of the above).
    static func mentionsRot13(_ t: [UInt8], starts: Range<Int>) -> Bool {
        func lower(_ k: Int) -> UInt8 { k < t.count ? t[k] | 0x20 : 0 }
        for i in starts {
            switch t[i] | 0x20 {
            case 0x72 where lower(i + 1) == 0x6F && lower(i + 2) == 0x74:  // "rot"
                var p = i + 3
                if p < t.count && (t[p] == 0x2D || t[p] == 0x20 || t[p] == 0x5F) { p += 1 }
                if p + 1 < t.count && t[p] == 0x31 && t[p + 1] == 0x33 { return true }
            case 0x63 where lower(i + 1) == 0x61 && lower(i + 2) == 0x65 && lower(i + 3) == 0x73
                && lower(i + 4) == 0x61 && lower(i + 5) == 0x72:  // "caesar"
                return true
            default:
                continue
            }
        }
        return false
    }
}
