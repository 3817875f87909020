/// A set of whole words compared ASCII-case-insensitively against byte slices, without
/// allocating: words are bucketed by length and first byte, and compared in place.
struct WordSet: Sendable {
    /// `buckets[len]` holds the lower-cased words of that byte length.
    private let buckets: [[[UInt8]]]
    /// `firsts[len]` has bit `first & 63` set for each word's first byte: a quick "surely not".
    private let firsts: [UInt64]
    let longest: Int

    init(_ list: [String]) {
        let words = list.map { Array($0.lowercased().utf8) }
        longest = words.map(\.count).max() ?? 0
        var b = [[[UInt8]]](repeating: [], count: longest + 1)
        var f = [UInt64](repeating: 0, count: longest + 1)
        for w in words where !w.isEmpty { b[w.count].append(w); f[w.count] |= 1 << UInt64(w[0] & 63) }
        buckets = b
        firsts = f
    }

    /// True when `b[s..<e]`, lower-cased, is one of the words.
    func containsWord(_ b: [UInt8], _ s: Int, _ e: Int) -> Bool {
        let n = e - s
        guard n > 0, n <= longest else { return false }
        let first = Self.lower(b[s])
        guard firsts[n] & (1 << UInt64(first & 63)) != 0 else { return false }
        for w in buckets[n] where w[0] == first {
            var k = 1
            while k < n && w[k] == Self.lower(b[s + k]) { k += 1 }
            if k == n { return true }
        }
        return false
    }

    @inline(__always) static func lower(_ c: UInt8) -> UInt8 { (c >= 0x41 && c <= 0x5A) ? c | 0x20 : c }
}
