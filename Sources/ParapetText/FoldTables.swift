/// A code point -> UTF-8 replacement table parsed once from generated packed text.
struct ScalarTable: Sendable {
    private let keys: [UInt32]
    /// `values[offsets[i] ..< offsets[i + 1]]` is the UTF-8 replacement of `keys[i]`.
    private let offsets: [UInt32]
    private let values: [UInt8]
    /// One bit per BMP code point: set when the scalar has an entry (skips the search).
    private let bmpBits: [UInt64]

    init(packed: String) {
        var keys = [UInt32](), offsets: [UInt32] = [0], values = [UInt8]()
        var bits = [UInt64](repeating: 0, count: 1024)
        for entry in packed.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            let parts = entry.split(separator: ":")
            guard parts.count == 2, let key = UInt32(parts[0], radix: 16) else { continue }
            for hex in parts[1].split(separator: ".") {
                guard let v = UInt32(hex, radix: 16), let s = Unicode.Scalar(v) else { continue }
                values.append(contentsOf: String(s).utf8)
            }
            keys.append(key)
            offsets.append(UInt32(values.count))
            if key < 0x10000 { bits[Int(key >> 6)] |= 1 << UInt64(key & 63) }
        }
        self.keys = keys
        self.offsets = offsets
        self.values = values
        self.bmpBits = bits
    }

    /// Index of the entry for `s`, or nil.
    @inline(__always)
    func index(of s: UInt32) -> Int? {
        if s < 0x10000, bmpBits[Int(s >> 6)] & (1 << UInt64(s & 63)) == 0 { return nil }
        var lo = 0, hi = keys.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if keys[mid] < s { lo = mid + 1 } else { hi = mid }
        }
        return lo < keys.count && keys[lo] == s ? lo : nil
    }

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
