/// The one byte scan both JSON directions need: where a string's plain run ends.
enum JSONSpecialBytes {
    /// First index in `from..<end` holding `"`, `\` or a byte below 0x20, or `end`. Eight bytes
    /// per step: a byte's high bit ends up set in `hits` when it equals 0x22 or 0x5C or is below
    /// 0x20; the lowest flagged byte is exact, the only one used. UTF-8 lead and continuation
    /// bytes are all >= 0x80, so multi-byte characters never stop the scan.
    @inline(__always)
    static func next(in base: UnsafePointer<UInt8>, from: Int, end: Int) -> Int {
        var i = from
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        while i + 8 <= end {
            // SAFETY: i + 8 <= end, so all eight bytes are inside the buffer.
            let w = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
            let q = w ^ (ones &* 0x22)
            let b = w ^ (ones &* 0x5C)
            let hits = ((q &- ones) & ~q | (b &- ones) & ~b | (w &- ones &* 0x20) & ~w) & highs
            if hits != 0 { return i + hits.trailingZeroBitCount >> 3 }
            i += 8
        }
        while i < end {
            let c = base[i]
            if c == UInt8(ascii: "\"") || c == UInt8(ascii: "\\") || c < 0x20 { return i }
            i += 1
        }
        return end
    }
}
