/// IP addresses that identify a host on the public internet (private, loopback and documentation ranges excluded).
public enum IPAddress {
    /// Parses dotted-quad IPv4 without leading zeros.
    static func ipv4(_ bytes: ArraySlice<UInt8>) -> [Int]? {
        var parts = [Int](), cur = 0, len = 0
        for b in bytes {
            if b == 0x2E {
                guard len > 0 else { return nil }
                parts.append(cur); cur = 0; len = 0
            } else if b >= 0x30 && b <= 0x39 {
                if len == 1 && cur == 0 { return nil }
                cur = cur * 10 + Int(b - 0x30); len += 1
                guard cur <= 255, len <= 3 else { return nil }
            } else { return nil }
        }
        guard len > 0 else { return nil }
        parts.append(cur)
        return parts.count == 4 ? parts : nil
    }

    /// Well-known public resolvers: public, but not personal.
    static let resolvers: Set<[Int]> = [[8, 8, 8, 8], [8, 8, 4, 4], [1, 1, 1, 1], [1, 0, 0, 1], [9, 9, 9, 9], [208, 67, 222, 222]]

    /// A public IPv4 address (not private, loopback, link-local, multicast, documentation, netmask or well-known resolver).
    @Sendable public static func isPublicV4(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard let p = ipv4(bytes) else { return false }
        let (a, b, c) = (p[0], p[1], p[2])
        if a == 0 || a == 10 || a == 127 || a >= 224 { return false }
        if a == 172 && (16...31).contains(b) { return false }
        if a == 192 && b == 168 { return false }
        if a == 169 && b == 254 { return false }
        if a == 100 && (64...127).contains(b) { return false }
        if (a == 192 && b == 0 && c == 2) || (a == 198 && b == 51 && c == 100) || (a == 203 && b == 0 && c == 113) { return false }
        if a == 255 || (p[3] == 0 && b == 255) { return false }
        return !resolvers.contains(p)
    }

    /// A global IPv6 address with at least three groups (not loopback, link-local, ULA or 2001:db8::/32).
    @Sendable public static func isPublicV6(_ bytes: ArraySlice<UInt8>) -> Bool {
        var groups = [Int](), cur = 0, len = 0, doubleColons = 0, prevColon = false
        for b in bytes {
            if b == 0x3A {
                if prevColon { doubleColons += 1 }
                if len > 0 { groups.append(cur) }
                cur = 0; len = 0; prevColon = true
                continue
            }
            prevColon = false
            let v: Int
            switch b {
            case 0x30...0x39: v = Int(b - 0x30)
            case 0x41...0x46: v = Int(b - 0x41 + 10)
            case 0x61...0x66: v = Int(b - 0x61 + 10)
            default: return false
            }
            cur = cur * 16 + v; len += 1
            if len > 4 { return false }
        }
        if len > 0 { groups.append(cur) }
        guard doubleColons <= 1, groups.count >= 3, groups.count <= 8 else { return false }
        if doubleColons == 0 && groups.count != 8 { return false }
        let first = groups[0]
        if first == 0 || (first & 0xFFC0) == 0xFE80 || (first & 0xFE00) == 0xFC00 || (first & 0xFF00) == 0xFF00 { return false }
        if first == 0x2001 && groups.count > 1 && groups[1] == 0x0DB8 { return false }
        return true
    }
}
