/// The Luhn (mod 10) checksum used by payment card numbers.
public enum Luhn {
    /// True when the digits in `bytes` (separators ignored) number 12–19 and pass the checksum.
    @Sendable public static func isValid(_ bytes: ArraySlice<UInt8>) -> Bool {
        var sum = 0, count = 0, double = false
        for b in bytes.reversed() {
            guard b >= 0x30 && b <= 0x39 else {
                if b == 0x20 || b == 0x2D { continue }
                return false
            }
            var d = Int(b - 0x30)
            if double { d *= 2; if d > 9 { d -= 9 } }
            sum += d
            double.toggle()
            count += 1
        }
        return (12...19).contains(count) && sum % 10 == 0
    }
}
