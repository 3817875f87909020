/// Feature hashing for the linear model: word unigrams and bigrams plus byte 3-, 4- and 5-grams of
/// a canonical view, each mapped to one of `2^bits` buckets. One pass, no allocation; training
/// and scanning both go through `forEachBucket`, so a model sees exactly the features it was
/// trained on. Byte n-grams cost one multiply each (they are most of the features); words
/// use FNV-1a and a full finalizer.
public struct NgramHasher: Sendable, Hashable {
    /// log2 of the number of buckets.
    public let bits: Int

    public init(bits: Int) {
        precondition((8...24).contains(bits), "bucket bits out of range")
        self.bits = bits
    }

    static let fnvPrime: UInt64 = 0x0000_0100_0000_01B3
    static let gramKey: UInt64 = 0x9FB2_1C65_1E98_DF25
    static let len3: UInt64 = 0x03 << 56
    static let len4: UInt64 = 0x04 << 56
    static let len5: UInt64 = 0x05 << 56
    static let wordSeed: UInt64 = 0x84C2_2D2F_9A51_6E37
    static let pairSalt: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// Calls `body` with the bucket of every feature of `bytes`; returns the feature count.
    @discardableResult
    public func forEachBucket(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (Int) -> Void) -> Int {
        let shift = UInt64(64 - bits)
        let n = bytes.count
        var count = 0
        // Byte n-grams: the last five bytes live in one register; a 3-, 4- or 5-gram is that
        // register masked, tagged with its length, and hashed by one multiply (multiply-shift).
        var window: UInt64 = 0
        var i = 0
        while i < n {
            window = (window << 8) | UInt64(bytes[i])
            i += 1
            if i >= 3 { body(Int(truncatingIfNeeded: (((window & 0xFF_FFFF) | Self.len3) &* Self.gramKey) >> shift)); count += 1 }
            if i >= 4 { body(Int(truncatingIfNeeded: (((window & 0xFFFF_FFFF) | Self.len4) &* Self.gramKey) >> shift)); count += 1 }
            if i >= 5 { body(Int(truncatingIfNeeded: (((window & 0xFF_FFFF_FFFF) | Self.len5) &* Self.gramKey) >> shift)); count += 1 }
        }
        // Words: runs of ASCII letters and digits or any non-ASCII byte (so every script forms words).
        var prev: UInt64 = 0
        var havePrev = false
        i = 0
        while i < n {
            while i < n && !Self.isWordByte(bytes[i]) { i += 1 }
            if i >= n { break }
            var h = Self.wordSeed
            while i < n && Self.isWordByte(bytes[i]) {
                h = (h ^ UInt64(bytes[i])) &* Self.fnvPrime
                i += 1
            }
            body(Int(truncatingIfNeeded: Self.finish(h) >> shift)); count += 1
            if havePrev {
                let pair = (prev &* Self.pairSalt) ^ h
                body(Int(truncatingIfNeeded: Self.finish(pair) >> shift)); count += 1
            }
            prev = h
            havePrev = true
        }
        return count
    }

    /// A 64-bit finalizer (from MurmurHash3) so the top bits used as the bucket are well mixed.
    static func finish(_ x: UInt64) -> UInt64 {
        var h = x
        h ^= h >> 33
        h = h &* 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33
        h = h &* 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 33
        return h
    }

    static func isWordByte(_ c: UInt8) -> Bool {
        c >= 0x80 || (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || (c >= 0x30 && c <= 0x39)
    }
}
