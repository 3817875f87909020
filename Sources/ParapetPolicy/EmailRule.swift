/// Recipient constraint: every address in the value must be listed or at an allowed domain.
///
/// A value may hold several addresses separated by `,` or `;`, each optionally as
/// `Name <addr>`. Addresses compare case-insensitively. Domains follow `HostPattern`:
/// `example.com` exactly, `*.example.com` subdomains. An empty value or a token that is not an
/// address (no `@`, two `@`, empty local part or domain) is a violation.
public struct EmailRule: Sendable {
    public var addresses: Set<String>
    public var domains: [HostPattern]

    public init(addresses: [String] = [], domains: [HostPattern] = []) {
        self.addresses = Set(addresses.map(HostPattern.lower))
        self.domains = domains
    }

    func violation(_ raw: String) -> String? {
        let list = Self.addresses(in: raw)
        if list.isEmpty { return "holds no e-mail address" }
        for a in list {
            guard let at = a.firstIndex(of: "@"), a.firstIndex(of: "@") == a.lastIndex(of: "@"),
                  at != a.startIndex, a.index(after: at) != a.endIndex else {
                return "\(quoted(a)) is not an e-mail address"
            }
            if addresses.contains(a) { continue }
            var domain = String(a[a.index(after: at)...])
            if domain.hasSuffix(".") { domain.removeLast() }
            if domains.contains(where: { $0.matches(domain) }) { continue }
            return "recipient \(quoted(a)) is not an allowed address or domain"
        }
        return nil
    }

    /// Lower-cased addresses: split on `,`/`;`, the part in `<…>` when present, trimmed.
    static func addresses(in raw: String) -> [String] {
        var out: [String] = []
        for token in raw.split(whereSeparator: { $0 == "," || $0 == ";" }) {
            var t = Substring(token)
            if let lt = t.lastIndex(of: "<"), let gt = t.lastIndex(of: ">"), lt < gt {
                t = t[t.index(after: lt)..<gt]
            }
            let trimmed = t.trimmingSpaces
            if !trimmed.isEmpty { out.append(HostPattern.lower(trimmed)) }
        }
        return out
    }
}

/// IBAN or account-number allowlist, compared after removing spaces, `-` and `.` and upper-casing.
/// For IBANs the format and the ISO 13616 mod-97 check digits are verified first.
public struct AccountRule: Sendable {
    public var allow: Set<String>

    public init(allow: [String]) { self.allow = Set(allow.map(Self.normalize)) }

    func violation(_ raw: String, iban: Bool) -> String? {
        let n = Self.normalize(raw)
        if iban && !Self.isValidIBAN(n) { return "\(quoted(raw)) is not a valid IBAN" }
        if n.isEmpty { return "account is empty" }
        if !allow.contains(n) { return "\(iban ? "IBAN" : "account") \(quoted(raw)) is not an allowed payee" }
        return nil
    }

    static func normalize(_ s: String) -> String {
        String(decoding: s.utf8.compactMap { b -> UInt8? in
            if b == 0x20 || b == UInt8(ascii: "-") || b == UInt8(ascii: ".") || b == 0x09 { return nil }
            return b >= 97 && b <= 122 ? b & ~0x20 : b
        }, as: UTF8.self)
    }

    /// Country code, two check digits, 11–30 alphanumerics, and remainder 1 under mod 97.
    public static func isValidIBAN(_ normalized: String) -> Bool {
        let b = Array(normalized.utf8)
        guard b.count >= 15, b.count <= 34 else { return false }
        guard b[0] >= 65, b[0] <= 90, b[1] >= 65, b[1] <= 90, b[2] >= 48, b[2] <= 57, b[3] >= 48, b[3] <= 57 else { return false }
        var rem = 0
        for c in b[4...] + b[..<4] {
            switch c {
            case 48...57: rem = (rem * 10 + Int(c - 48)) % 97
            case 65...90: rem = (rem * 100 + Int(c - 55)) % 97
            default: return false
            }
        }
        return rem == 1
    }
}

extension Substring {
    var trimmingSpaces: String {
        var s = self
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
