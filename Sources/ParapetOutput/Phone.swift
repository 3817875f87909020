/// Phone numbers: digit count of a real number (7–15, the E.164 maximum), not filler like 0000000.
public enum Phone {
    @Sendable public static func isPlausible(_ bytes: ArraySlice<UInt8>) -> Bool {
        var digits = [UInt8]()
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let b = bytes[i]
            // An extension ("x123") is not part of the number's length.
            if b == 0x78 || b == 0x58 { break }
            if b >= 0x30 && b <= 0x39 { digits.append(b) }
            i += 1
        }
        guard (7...15).contains(digits.count) else { return false }
        return Set(digits).count > 2
    }
}
