/// Word-at-a-time byte scans used to pick fast paths.
enum ASCIIScan {
    /// True when every byte is below 0x80 (checks eight bytes per step).
    static func isASCII(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { raw in
            let n = raw.count
            var i = 0
            var acc: UInt64 = 0
            while i + 8 <= n {
                acc |= raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                i += 8
            }
            while i < n { acc |= UInt64(raw[i]); i += 1 }
            return acc & 0x8080_8080_8080_8080 == 0
        }
    }

    static let ones: UInt64 = 0x0101_0101_0101_0101
    static let high: UInt64 = 0x8080_8080_8080_8080

    /// 0x80 in each byte of `v` that is zero, for bytes below 0x80; exact (no borrow between
    /// bytes: `(b & 0x7F) + 0x7F` stays within the byte).
    @inline(__always)
    static func zeroBytes(_ v: UInt64) -> UInt64 {
        ~(((v & ~high) &+ ones &* 0x7F) | v) & high
    }

    /// Byte classes for the canonical ASCII path: 0 keep, 1 upper-case letter, 2 whitespace, 3 drop.
    static let canonicalClass: [UInt8] = (0..<256).map { b -> UInt8 in
        switch b {
        case 0x41...0x5A: return 1
        case 0x09...0x0D, 0x20: return 2
        case 0x00...0x08, 0x0E...0x1F, 0x7F: return 3
        default: return 0
        }
    }

    /// Canonical byte for ASCII: lower-cased, whitespace as space, 0 for bytes to drop.
    static let canonicalByte: [UInt8] = (0..<256).map { b -> UInt8 in
        switch canonicalClass[b] {
        case 0: return UInt8(b)
        case 1: return UInt8(b) | 0x20
        case 2: return 0x20
        default: return 0
        }
    }
}
