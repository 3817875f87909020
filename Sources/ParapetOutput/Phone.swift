/// Phone numbers: digit count of a real number (7–15, the E.164 maximum), not filler like 0000000.
public enum Phone {
    @Sendable public static func isPlausible(_ bytes: ArraySlice<UInt8>) -> Bool {
        // Digit count and the set of distinct digits, without allocating (runs per match).
        var count = 0
        var seen: UInt16 = 0
        for b in bytes {
            // An extension ("x123") is not part of the number's length.
            if b == 0x78 || b == 0x58 { break }
            if b >= 0x30 && b <= 0x39 { count += 1; seen |= 1 << UInt16(b - 0x30) }
        }
        guard (7...15).contains(count) else { return false }
        return seen.nonzeroBitCount > 2
    }
}
