/// A code point -> UTF-8 replacement table parsed once from generated packed text.
struct ScalarTable: Sendable {
    private let keys: [UInt32]
    /// `values[offsets[i] ..< offsets[i + 1]]` is the UTF-8 replacement of `keys[i]`.
    private let offsets: [UInt32]
    private let values: [UInt8]
    /// One bit per BMP code point: set when the scalar has an entry (skips the search).
    private let bmpBits: [UInt64]
    /// Per entry, what the canonical path asks of its replacement (`Trait`), read once here
    /// instead of slicing the values on every scalar.
    private let traits: [UInt8]
    /// Per word of `bmpBits`: the entries before it. Keys are sorted, so a BMP scalar's entry is
    /// the number of set bits before its own (no search).
    private let bmpRank: [UInt16]

    /// Parses `key:hex.hex ...` entries on the UTF-8 bytes: the String splitting this replaced
    /// cost ~25 ms on the first non-ASCII scan of a process.
    init(packed: String) {
        var keys = [UInt32](), offsets: [UInt32] = [0], values = [UInt8]()
        var bits = [UInt64](repeating: 0, count: 1024)
        var text = packed
        text.withUTF8 { bytes in
            var i = 0
            let n = bytes.count
            /// Reads hex digits from `i`; nil when there are none.
            func hex() -> UInt32? {
                var v: UInt32 = 0, digits = 0
                while i < n, digits < 9 {
                    let c = bytes[i]
                    let d: UInt32
                    switch c {
                    case 0x30...0x39: d = UInt32(c - 0x30)
                    case 0x41...0x46: d = UInt32(c - 0x41 + 10)
                    case 0x61...0x66: d = UInt32(c - 0x61 + 10)
                    default: return digits > 0 ? v : nil
                    }
                    v = v << 4 | d
                    digits += 1
                    i += 1
                }
                return digits > 0 && digits < 9 ? v : nil
            }
            func skipEntry() { while i < n, bytes[i] != 0x20, bytes[i] != 0x0A { i += 1 } }
            while i < n {
                if bytes[i] == 0x20 || bytes[i] == 0x0A { i += 1; continue }
                guard let key = hex(), i < n, bytes[i] == 0x3A else { skipEntry(); continue }
                i += 1
                while true {
                    if let v = hex(), let s = Unicode.Scalar(v) {
                        values.append(contentsOf: String(s).utf8)
                    } else {
                        while i < n, bytes[i] != 0x2E, bytes[i] != 0x20, bytes[i] != 0x0A { i += 1 }
                    }
                    if i < n, bytes[i] == 0x2E { i += 1; continue }
                    break
                }
                skipEntry()
                keys.append(key)
                offsets.append(UInt32(values.count))
                if key < 0x10000 { bits[Int(key >> 6)] |= 1 << UInt64(key & 63) }
            }
        }
        self.keys = keys
        self.offsets = offsets
        self.values = values
        self.bmpBits = bits
        var rank = [UInt16](repeating: 0, count: bits.count)
        var seen = 0
        for k in bits.indices {
            rank[k] = UInt16(truncatingIfNeeded: seen)
            seen += bits[k].nonzeroBitCount
        }
        self.bmpRank = rank
        traits = (0..<keys.count).map { i in
            let v = values[Int(offsets[i])..<Int(offsets[i + 1])]
            var t: UInt8 = 0
            if v.elementsEqual(CollectionOfOne(0x20)) { t |= Trait.space }
            if v.allSatisfy({ $0 < 0x80 }) { t |= Trait.ascii }
            if let first = v.first, (first | 0x20) >= 0x61 && (first | 0x20) <= 0x7A { t |= Trait.letterFirst }
            if !v.isEmpty { t |= Trait.nonEmpty }
            return t
        }
        // The rank is the entry only when the keys ascend without repeats (the generator writes them so).
        precondition(zip(keys, keys.dropFirst()).allSatisfy { $0 < $1 } && seen <= Int(UInt16.max), "fold table keys must ascend")
    }

    /// Index of the entry for `s`, or nil.
    @inline(__always)
    func index(of s: UInt32) -> Int? {
        if s < 0x10000 {
            let word = bmpBits[Int(s >> 6)], bit: UInt64 = 1 << UInt64(s & 63)
            if word & bit == 0 { return nil }
            return Int(bmpRank[Int(s >> 6)]) + (word & (bit &- 1)).nonzeroBitCount
        }
        return searchIndex(of: s)
    }

    /// The entry of `s` by binary search over all keys (the specification the rank is tested against).
    func searchIndex(of s: UInt32) -> Int? {
        var lo = 0, hi = keys.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if keys[mid] < s { lo = mid + 1 } else { hi = mid }
        }
        return lo < keys.count && keys[lo] == s ? lo : nil
    }

    /// Facts about one entry's replacement.
    enum Trait {
        /// It is exactly one space.
        static let space: UInt8 = 1
        /// All its bytes are ASCII (true of an empty replacement too).
        static let ascii: UInt8 = 2
        /// Its first byte is an ASCII letter.
        static let letterFirst: UInt8 = 4
        /// It has a byte.
        static let nonEmpty: UInt8 = 8
    }

    /// Whether entry `i`'s replacement has `trait`.
    @inline(__always)
    func has(_ trait: UInt8, at i: Int) -> Bool { traits[i] & trait != 0 }

    /// The UTF-8 replacement bytes of entry `i`.
    @inline(__always)
    func value(at i: Int) -> ArraySlice<UInt8> { values[Int(offsets[i])..<Int(offsets[i + 1])] }

    var count: Int { keys.count }
}

/// The generated NFKC+case-fold table and the Latin confusables table.
enum FoldTables {
    static let fold = ScalarTable(packed: FoldTableData.fold)
    static let confusable = ScalarTable(packed: FoldTableData.confusable)
}
