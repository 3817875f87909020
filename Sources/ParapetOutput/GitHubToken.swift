/// GitHub's token checksum: the last 6 characters are the CRC32 of the 30 random characters, in base62.
public enum GitHubToken {
    /// True for `gh?_` + 30 random + 6 checksum characters whose checksum matches.
    @Sendable public static func hasValidChecksum(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard bytes.count == 40 else { return false }
        let body = bytes.dropFirst(4)
        let random = body.prefix(30), check = body.suffix(6)
        return base62(crc32(random)).elementsEqual(check)
    }

    static let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)

    /// `n` in base62, left-padded with zeros to 6 digits.
    static func base62(_ n: UInt32) -> [UInt8] {
        var out = [UInt8](repeating: alphabet[0], count: 6)
        var v = n, i = 5
        while v > 0 && i >= 0 {
            out[i] = alphabet[Int(v % 62)]
            v /= 62
            i -= 1
        }
        return out
    }

    /// CRC-32 (IEEE 802.3, reflected, as in zlib).
    static func crc32(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for b in bytes {
            crc ^= UInt32(b)
            for _ in 0..<8 { crc = (crc >> 1) ^ (0xEDB8_8320 & (0 &- (crc & 1))) }
        }
        return ~crc
    }
}
