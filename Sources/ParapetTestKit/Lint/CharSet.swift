/// An approximate character set for pattern analysis: exact for ASCII; non-ASCII characters
/// fall in three coarse buckets (word, space, other) so `\w` and `\W` stay disjoint.
struct CharSet: Sendable, Equatable {
    var low: UInt64 = 0
    var high: UInt64 = 0
    /// Non-ASCII buckets this set may match: `wordBit`, `spaceBit`, `otherBit`.
    var buckets: UInt8 = 0

    static let wordBit: UInt8 = 1, spaceBit: UInt8 = 2, otherBit: UInt8 = 4, allBuckets: UInt8 = 7

    static let empty = CharSet()
    static let all = CharSet(low: ~0, high: ~0, buckets: allBuckets)

    init(low: UInt64 = 0, high: UInt64 = 0, buckets: UInt8 = 0) {
        self.low = low
        self.high = high
        self.buckets = buckets
    }

    init(_ scalar: Unicode.Scalar) {
        if scalar.value < 128 { insert(UInt8(scalar.value)) } else {
            let p = scalar.properties
            buckets = p.isAlphabetic || p.numericType != nil ? Self.wordBit : p.isWhitespace ? Self.spaceBit : Self.otherBit
        }
    }

    var nonASCII: Bool { buckets != 0 }

    init(range: ClosedRange<UInt8>) { for b in range { insert(b) } }

    mutating func insert(_ b: UInt8) {
        if b < 64 { low |= 1 << UInt64(b) } else if b < 128 { high |= 1 << UInt64(b - 64) }
    }

    func contains(_ b: UInt8) -> Bool { b < 64 ? low & (1 << UInt64(b)) != 0 : b < 128 && high & (1 << UInt64(b - 64)) != 0 }

    func union(_ o: CharSet) -> CharSet { CharSet(low: low | o.low, high: high | o.high, buckets: buckets | o.buckets) }

    /// Complement (bucket-wise for non-ASCII, which is coarse but keeps `\W` apart from `\w`).
    var inverted: CharSet { CharSet(low: ~low, high: ~high, buckets: ~buckets & Self.allBuckets) }

    func overlaps(_ o: CharSet) -> Bool { low & o.low != 0 || high & o.high != 0 || buckets & o.buckets != 0 }

    var isEmpty: Bool { low == 0 && high == 0 && !nonASCII }
    var asciiCount: Int { low.nonzeroBitCount + high.nonzeroBitCount }

    /// Matches (nearly) anything, like `.` or `[\s\S]`: at least 90 of the 95 printable ASCII characters.
    var isBroad: Bool { (0x20...0x7E).filter { contains(UInt8($0)) }.count >= 90 }

    /// Adds the other case of every ASCII letter (patterns compile caseless by default).
    var caseFolded: CharSet {
        var s = self
        for b in UInt8(ascii: "a")...UInt8(ascii: "z") where contains(b) || contains(b - 32) {
            s.insert(b)
            s.insert(b - 32)
        }
        return s
    }

    /// The one character this set matches, ignoring case when `caseless` (for literal extraction).
    func single(caseless: Bool) -> UInt8? {
        guard !nonASCII else { return nil }
        let members = (0..<128).map(UInt8.init).filter(contains)
        if members.count == 1 { return caseless ? lower(members[0]) : members[0] }
        if caseless, members.count == 2, lower(members[0]) == lower(members[1]), members[0] != members[1] { return lower(members[0]) }
        return nil
    }

    private func lower(_ b: UInt8) -> UInt8 { (0x41...0x5A).contains(b) ? b + 32 : b }

    static let digit = CharSet(range: 0x30...0x39)
    static let word = CharSet(range: 0x30...0x39).union(CharSet(range: 0x41...0x5A)).union(CharSet(range: 0x61...0x7A))
        .union(CharSet(UInt8(ascii: "_"))).union(CharSet(buckets: wordBit))
    static let space: CharSet = {
        var s = CharSet(buckets: spaceBit)
        for b: UInt8 in [0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D] { s.insert(b) }
        return s
    }()
    static let dot: CharSet = { var s = CharSet.all; s.low &= ~(1 << 10); return s }()

    init(_ b: UInt8) { insert(b) }
}
