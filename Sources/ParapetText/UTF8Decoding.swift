/// Byte-level UTF-8 decoding that never traps on invalid input.
public enum UTF8Decoding {
    /// Decodes the scalar at `i`; returns nil and a length of 1 for an invalid sequence.
    @inline(__always)
    public static func decode(_ b: [UInt8], at i: Int) -> (Unicode.Scalar?, Int) {
        let b0 = b[i]
        if b0 < 0x80 { return (Unicode.Scalar(b0), 1) }
        let need: Int, minValue: UInt32
        var value: UInt32
        switch b0 {
        case 0xC2...0xDF: need = 1; value = UInt32(b0 & 0x1F); minValue = 0x80
        case 0xE0...0xEF: need = 2; value = UInt32(b0 & 0x0F); minValue = 0x800
        case 0xF0...0xF4: need = 3; value = UInt32(b0 & 0x07); minValue = 0x10000
        default: return (nil, 1)
        }
        guard i + need < b.count else { return (nil, 1) }
        for k in 1...need {
            let c = b[i + k]
            guard c & 0xC0 == 0x80 else { return (nil, 1) }
            value = value << 6 | UInt32(c & 0x3F)
        }
        guard value >= minValue, let s = Unicode.Scalar(value) else { return (nil, 1) }
        return (s, need + 1)
    }
}
