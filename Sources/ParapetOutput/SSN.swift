/// US Social Security numbers: area, group and serial rules of the SSA (post-2011 randomisation).
public enum SSN {
    /// Numbers the SSA or its documentation published as examples; never issued.
    static let examples: Set<Int> = [78_051_120, 219_099_999, 123_456_789, 457_555_462]

    /// True for 9 digits (separators ignored) with area not 000/666/9xx, group not 00, serial not 0000.
    @Sendable public static func isValid(_ bytes: ArraySlice<UInt8>) -> Bool {
        // The nine digits as one number (no allocation: this runs per match).
        var value = 0, count = 0
        for b in bytes where b >= 0x30 && b <= 0x39 {
            count += 1
            guard count <= 9 else { return false }
            value = value * 10 + Int(b - 0x30)
        }
        guard count == 9 else { return false }
        let area = value / 1_000_000
        let group = value / 10_000 % 100
        let serial = value % 10_000
        guard area != 0, area != 666, area < 900, group != 0, serial != 0 else { return false }
        // Nine equal digits are a multiple of 111111111.
        if value % 111_111_111 == 0 { return false }
        return !examples.contains(value)
    }
}
