/// Feature hashing for the linear model: word unigrams and bigrams plus byte 3-, 4- and 5-grams of
/// a canonical view, each mapped to one of `2^bits` buckets. One pass, no allocation; training
/// and scanning both go through `forEachBucket`, so a model sees exactly the features it was
/// trained on.
public struct NgramHasher: Sendable, Hashable {
    /// log2 of the number of buckets.
    public let bits: Int

    public init(bits: Int) {
        precondition((8...24).contains(bits), "bucket bits out of range")
        self.bits = bits
    }

    @usableFromInline static let fnvPrime: UInt64 = 0x0000_0100_0000_01B3
    @usableFromInline static let charSeed: UInt64 = 0xCBF2_9CE4_8422_2325
    @usableFromInline static let wordSeed: UInt64 = 0x84C2_2D2F_9A51_6E37
    @usableFromInline static let pairSalt: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// Calls `body` with the bucket of every feature of `bytes`; returns the feature count.
    @inlinable @discardableResult
    public func forEachBucket(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (Int) -> Void) -> Int {
        let shift = UInt64(64 - bits)
        let n = bytes.count
        var count = 0
        // Byte n-grams: the FNV-1a hash of a 5-byte prefix passes through the hashes of its 3- and
        // 4-byte prefixes, so all three lengths cost one walk.
        var i = 0
        while i + 3 <= n {
            var h = Self.charSeed
            let end = min(n, i + 5)
            var k = i
            while k < end {
                h = (h ^ UInt64(bytes[k])) &* Self.fnvPrime
                k += 1
                if k - i >= 3 { body(Int(truncatingIfNeeded: Self.finish(h) >> shift)); count += 1 }
            }
            i += 1
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
    @inlinable
    static func finish(_ x: UInt64) -> UInt64 {
        var h = x
        h ^= h >> 33
        h = h &* 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33
        h = h &* 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 33
        return h
    }

    @inlinable
    static func isWordByte(_ c: UInt8) -> Bool {
        c >= 0x80 || (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || (c >= 0x30 && c <= 0x39)
    }
}
