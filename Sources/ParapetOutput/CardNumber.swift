/// Payment card numbers: Luhn checksum, a known issuer range (IIN) and a length that issuer uses.
public enum CardNumber {
    /// Published test numbers (Stripe, PayPal, Adyen docs): documented placeholders, not PII.
    static let testNumbers: Set<String> = [
        "4242424242424242", "4111111111111111", "4000056655665556", "5555555555554444", "5105105105105100",
        "2223003122003222", "378282246310005", "371449635398431", "6011111111111117", "6011000990139424",
        "3056930009020004", "36227206271667", "3566002020360505", "6200000000000005", "4012888888881881",
    ]

    /// True when the digits (spaces and dashes ignored) form a plausible, non-test card number.
    @Sendable public static func isValid(_ bytes: ArraySlice<UInt8>) -> Bool {
        var digits = [UInt8]()
        for b in bytes where b >= 0x30 && b <= 0x39 { digits.append(b - 0x30) }
        guard Luhn.isValid(bytes), issuerAccepts(digits) else { return false }
        let s = String(decoding: digits.map { $0 + 0x30 }, as: UTF8.self)
        if testNumbers.contains(s) { return false }
        // Runs like 0000… or 1234… are filler, not cards.
        return Set(digits).count > 2
    }

    /// Issuer ranges and lengths (Visa, Mastercard, Amex, Discover, JCB, Diners, UnionPay, Maestro, Mir).
    static func issuerAccepts(_ d: [UInt8]) -> Bool {
        func prefix(_ n: Int) -> Int { d.prefix(n).reduce(0) { $0 * 10 + Int($1) } }
        let len = d.count
        let p1 = prefix(1), p2 = prefix(2), p3 = prefix(3), p4 = prefix(4), p6 = prefix(6)
        if p1 == 4 { return [13, 16, 19].contains(len) }                                   // Visa
        if (51...55).contains(p2) || (2221...2720).contains(p4) { return len == 16 }       // Mastercard
        if p2 == 34 || p2 == 37 { return len == 15 }                                       // Amex
        if p4 == 6011 || p2 == 65 || (644...649).contains(p3) || (622126...622925).contains(p6) { return (16...19).contains(len) } // Discover
        if (3500...3599).contains(p4) { return (16...19).contains(len) }                   // JCB (3528-3589 issued; the wider 35xx block is kept for older generators)
        if p4 == 2131 || p4 == 1800 { return len == 15 }                                   // JCB (15 digits)
        if (300...305).contains(p3) || p2 == 36 || p2 == 38 || p2 == 39 || p3 == 309 { return (14...19).contains(len) } // Diners
        if p2 == 62 || p2 == 81 { return (16...19).contains(len) }                         // UnionPay
        if (2200...2204).contains(p4) { return (16...19).contains(len) }                   // Mir
        if p2 == 50 || (56...69).contains(p2) { return (12...19).contains(len) }           // Maestro
        return false
    }
}
