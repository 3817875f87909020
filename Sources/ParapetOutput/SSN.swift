/// US Social Security numbers: area, group and serial rules of the SSA (post-2011 randomisation).
public enum SSN {
    /// Numbers the SSA or its documentation published as examples; never issued.
    static let examples: Set<String> = ["078051120", "219099999", "123456789", "457555462"]

    /// True for 9 digits (separators ignored) with area not 000/666/9xx, group not 00, serial not 0000.
    @Sendable public static func isValid(_ bytes: ArraySlice<UInt8>) -> Bool {
        var d = [Int]()
        for b in bytes where b >= 0x30 && b <= 0x39 { d.append(Int(b - 0x30)) }
        guard d.count == 9 else { return false }
        let area = d[0] * 100 + d[1] * 10 + d[2]
        let group = d[3] * 10 + d[4]
        let serial = d[5] * 1000 + d[6] * 100 + d[7] * 10 + d[8]
        guard area != 0, area != 666, area < 900, group != 0, serial != 0 else { return false }
        if Set(d).count == 1 { return false }
        return !examples.contains(d.map(String.init).joined())
    }
}
