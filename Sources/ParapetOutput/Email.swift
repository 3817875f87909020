/// E-mail addresses: a sane local part and a domain with a letter TLD; documentation domains excluded.
public enum Email {
    /// Domains reserved for documentation (RFC 2606) and obvious placeholders.
    static let reservedDomains: [String] = ["example.com", "example.org", "example.net", "example.edu", "test.com", "domain.com", "email.com", "localhost"]

    @Sendable public static func isValid(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard let at = bytes.lastIndex(of: 0x40) else { return false }
        let local = bytes[bytes.startIndex..<at], domain = bytes[(at + 1)...]
        guard !local.isEmpty, local.first != 0x2E, local.last != 0x2E, domain.count >= 4 else { return false }
        var prev: UInt8 = 0
        for b in bytes {
            if b == 0x2E && prev == 0x2E { return false }
            prev = b
        }
        let lowerDomain = String(decoding: domain.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
        return !reservedDomains.contains { lowerDomain == $0 || lowerDomain.hasSuffix("." + $0) }
    }
}
