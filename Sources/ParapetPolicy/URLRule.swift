/// URL constraint: allowed schemes, a host allowlist, and refusals of the usual tricks.
///
/// Refused unless allowed: userinfo (`https://trusted.com@evil.com`), IP literals (IPv6 in
/// brackets, dotted/decimal/hex/octal IPv4 such as `2130706433` or `0x7f.1`). Always refused:
/// whitespace, control bytes and backslashes anywhere (parsers disagree on them), `%` in the host,
/// non-ASCII hosts not listed literally (homographs). Hosts compare case-insensitively with one
/// trailing dot ignored; `example.com` allows only that host, `*.example.com` its subdomains only.
public struct URLRule: Sendable {
    public var schemes: Set<String>
    /// Empty: any host (the other checks still apply).
    public var hosts: [HostPattern]
    public var allowIP: Bool
    public var allowUserinfo: Bool

    public init(schemes: Set<String> = ["https"], hosts: [HostPattern] = [], allowIP: Bool = false, allowUserinfo: Bool = false) {
        self.schemes = schemes
        self.hosts = hosts
        self.allowIP = allowIP
        self.allowUserinfo = allowUserinfo
    }

    func violation(_ raw: String) -> String? {
        let u: ParsedURL
        switch ParsedURL.parse(raw) {
        case .success(let p): u = p
        case .failure(let e): return "URL \(quoted(raw)) \(e.reason)"
        }
        if !schemes.contains(u.scheme) { return "URL scheme '\(u.scheme)' is not one of \(schemes.sorted().joined(separator: ", "))" }
        if u.hasUserinfo && !allowUserinfo { return "URL \(quoted(raw)) carries credentials/userinfo before the host" }
        if u.isIPLiteral && !allowIP { return "URL host \(quoted(u.host)) is an IP address literal" }
        if !hosts.isEmpty && !hosts.contains(where: { $0.matches(u.host) }) {
            return "URL host \(quoted(u.host)) is not in the allowlist"
        }
        return nil
    }
}

/// `example.com` (exactly that host) or `*.example.com` (any subdomain, not the apex).
public struct HostPattern: Sendable, Hashable {
    public let source: String
    let suffix: String
    let subdomains: Bool

    public init(_ source: String) {
        self.source = source
        var s = HostPattern.lower(source)
        if s.hasSuffix(".") { s.removeLast() }
        if s.hasPrefix("*.") {
            subdomains = true
            suffix = String(s.dropFirst(1))  // keeps the leading dot
        } else {
            subdomains = false
            suffix = s
        }
    }

    /// `host` must already be lower-cased without a trailing dot.
    public func matches(_ host: String) -> Bool {
        subdomains ? (host.hasSuffix(suffix) && host.utf8.count > suffix.utf8.count) : host == suffix
    }

    static func lower(_ s: String) -> String {
        String(decoding: s.utf8.map { $0 >= 65 && $0 <= 90 ? $0 | 0x20 : $0 }, as: UTF8.self)
    }
}

/// The parts of a URL a policy needs, parsed conservatively from bytes.
struct ParsedURL {
    var scheme: String
    var host: String
    var hasUserinfo: Bool
    var isIPLiteral: Bool

    struct Failure: Error { let reason: String }

    static func parse(_ raw: String) -> Result<ParsedURL, Failure> {
        let b = Array(raw.utf8)
        for c in b where c <= 0x20 || c == 0x7F || c == UInt8(ascii: "\\") {
            return .failure(Failure(reason: "contains whitespace, control characters or backslashes"))
        }
        guard let colon = b.firstIndex(of: UInt8(ascii: ":")), colon > 0 else { return .failure(Failure(reason: "has no scheme")) }
        let schemeBytes = b[..<colon]
        guard schemeBytes.allSatisfy({ isAlnum($0) || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") }) else {
            return .failure(Failure(reason: "has an invalid scheme"))
        }
        let scheme = HostPattern.lower(String(decoding: schemeBytes, as: UTF8.self))
        let rest = b[(colon + 1)...]
        guard rest.starts(with: [UInt8(ascii: "/"), UInt8(ascii: "/")]) else {
            // mailto:, data:, javascript: … have no host to check.
            return .success(ParsedURL(scheme: scheme, host: "", hasUserinfo: false, isIPLiteral: false))
        }
        let authStart = rest.startIndex + 2
        let authEnd = b[authStart...].firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") } ?? b.count
        var auth = b[authStart..<authEnd]
        var userinfo = false
        if let at = auth.lastIndex(of: UInt8(ascii: "@")) {
            userinfo = true
            auth = auth[(at + 1)...]
        }
        var hostBytes: ArraySlice<UInt8>
        var ip = false
        if auth.first == UInt8(ascii: "[") {
            guard let close = auth.firstIndex(of: UInt8(ascii: "]")) else { return .failure(Failure(reason: "has an unterminated IPv6 literal")) }
            hostBytes = auth[auth.startIndex...close]
            ip = true
            let after = auth[(close + 1)...]
            if !after.isEmpty && after.first != UInt8(ascii: ":") { return .failure(Failure(reason: "has junk after the IPv6 literal")) }
        } else {
            if let c = auth.firstIndex(of: UInt8(ascii: ":")) {
                guard auth[(c + 1)...].allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return .failure(Failure(reason: "has an invalid port")) }
                hostBytes = auth[..<c]
            } else {
                hostBytes = auth
            }
        }
        if hostBytes.last == UInt8(ascii: ".") { hostBytes = hostBytes.dropLast() }
        guard !hostBytes.isEmpty else { return .failure(Failure(reason: "has an empty host")) }
        if hostBytes.contains(UInt8(ascii: "%")) { return .failure(Failure(reason: "has a percent-encoded host")) }
        let host = HostPattern.lower(String(decoding: hostBytes, as: UTF8.self))
        if !ip { ip = isIPv4Like(hostBytes) }
        return .success(ParsedURL(scheme: scheme, host: host, hasUserinfo: userinfo, isIPLiteral: ip))
    }

    static func isAlnum(_ c: UInt8) -> Bool { (c >= 48 && c <= 57) || (c | 0x20 >= 97 && c | 0x20 <= 122) }

    /// True when every label is a number in a base inet_aton accepts (decimal, 0x-hex, 0-octal):
    /// browsers and curl resolve `2130706433`, `0x7f.1` and `127.1` to an address.
    static func isIPv4Like(_ h: ArraySlice<UInt8>) -> Bool {
        let labels = h.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard labels.count <= 4 else { return false }
        return labels.allSatisfy { l in
            guard !l.isEmpty else { return false }
            if l.count > 2, l.first == UInt8(ascii: "0"), l.dropFirst().first.map({ $0 | 0x20 }) == UInt8(ascii: "x") {
                return l.dropFirst(2).allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 | 0x20 >= 97 && $0 | 0x20 <= 102) }
            }
            return l.allSatisfy { $0 >= 48 && $0 <= 57 }
        }
    }
}
