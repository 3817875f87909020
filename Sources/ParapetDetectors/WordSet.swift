/// A set of whole words compared ASCII-case-insensitively against byte slices, without
/// allocating. Words of up to eight bytes are kept as little-endian packed keys, so a probe
/// lower-cases its bytes in one word and compares whole keys; longer words are bucketed by
/// length and compared byte by byte.
struct WordSet: Sendable {
    /// `buckets[len]` holds the lower-cased words of that byte length (all lengths; the
    /// reference and the long-word path read them).
    private let buckets: [[[UInt8]]]
    /// `firsts[len]` has bit `first & 63` set for each word's first byte: a quick "surely not".
    private let firsts: [UInt64]
    /// Packed keys of the words of one to eight bytes, ordered by length; the keys of length
    /// `len` are `keys[keyStart[len]..<keyStart[len + 1]]`.
    private let keys: [UInt64]
    private let keyStart: [Int]
    /// Per (length, first byte & 31): 32 bits over (last byte & 31) of the words. A letter and
    /// its capital agree on their low five bits, so a probe whose bit is clear is no word in any
    /// case, which is the answer for most prose words (an exact reject).
    private let sketch: [UInt32]
    let longest: Int

    init(_ list: [String]) {
        let words = list.map { Array($0.lowercased().utf8) }
        longest = words.map(\.count).max() ?? 0
        var b = [[[UInt8]]](repeating: [], count: longest + 1)
        var f = [UInt64](repeating: 0, count: longest + 1)
        for w in words where !w.isEmpty { b[w.count].append(w); f[w.count] |= 1 << UInt64(w[0] & 63) }
        buckets = b
        firsts = f
        var k: [UInt64] = [], start = [Int](repeating: 0, count: 10)
        for len in 1...8 {
            start[len] = k.count
            if len < b.count {
                for w in b[len] { k.append(w.reversed().reduce(0) { $0 << 8 | UInt64($1) }) }
            }
        }
        start[9] = k.count
        keys = k
        keyStart = start
        var sk = [UInt32](repeating: 0, count: (longest + 1) << 5)
        for w in words where !w.isEmpty { sk[w.count << 5 | Int(w[0] & 31)] |= 1 << UInt32(w[w.count - 1] & 31) }
        sketch = sk
    }

    /// False when no word has the length and the low five bits of the first and last byte of
    /// `p[s..<e]` (then it is surely not a word, in any case); true means "maybe". `s..<e` must
    /// be non-empty, inside the buffer, and no longer than `longest`.
    @inline(__always) func mayContain(_ p: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Bool {
        sketch[(e - s) << 5 | Int(p[s] & 31)] >> UInt32(p[e - 1] & 31) & 1 != 0
    }

    /// The sketch table and `longest`, for a scan that tests many tokens: a token of length
    /// `len <= longest` with first byte `f` and last byte `l` may be a word only when bit
    /// `l & 31` of `table[len << 5 | f & 31]` is set (`mayContain` without bounds checks).
    func withSketch<R>(_ body: (UnsafeBufferPointer<UInt32>, Int) -> R) -> R {
        sketch.withUnsafeBufferPointer { body($0, longest) }
    }

    /// True when `b[s..<e]`, lower-cased, is one of the words.
    @inline(__always)
    func containsWord(_ b: [UInt8], _ s: Int, _ e: Int) -> Bool {
        precondition(s >= 0 && e <= b.count)
        return b.withUnsafeBufferPointer { containsWord($0, s, e) }
    }

    /// As `containsWord(_:_:_:)` on a buffer; `s..<e` must lie inside it. The sketch test is
    /// inlined at the call site; only a "maybe" pays for the call.
    @inline(__always)
    func containsWord(_ p: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Bool {
        let n = e - s
        guard n > 0, n <= longest, mayContain(p, s, e) else { return false }
        return lookUp(p, s, e)
    }

    @inline(never)
    private func lookUp(_ p: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Bool {
        let n = e - s
        let first = Self.lower(p[s])
        guard firsts[n] & (1 << UInt64(first & 63)) != 0 else { return false }
        if n <= 8 {
            var x: UInt64
            if s + 8 <= p.count {
                // SAFETY: s + 8 <= count, so the eight bytes are inside the buffer.
                x = UnsafeRawPointer(p.baseAddress! + s).loadUnaligned(as: UInt64.self)
                if n < 8 { x &= (1 << UInt64(8 * n)) &- 1 }
            } else {
                x = 0
                for k in 0..<n { x |= UInt64(p[s + k]) << UInt64(8 * k) }
            }
            let key = Self.lowerWord(x)
            return keys.withUnsafeBufferPointer { kp in
                for j in keyStart[n]..<keyStart[n + 1] where kp[j] == key { return true }
                return false
            }
        }
        for w in buckets[n] where w[0] == first {
            var k = 1
            while k < n && w[k] == Self.lower(p[s + k]) { k += 1 }
            if k == n { return true }
        }
        return false
    }

    /// The byte-by-byte form `containsWord` is tested against.
    func containsWordReference(_ b: [UInt8], _ s: Int, _ e: Int) -> Bool {
        let n = e - s
        guard n > 0, n <= longest else { return false }
        let first = Self.lower(b[s])
        for w in buckets[n] where w[0] == first {
            var k = 1
            while k < n && w[k] == Self.lower(b[s + k]) { k += 1 }
            if k == n { return true }
        }
        return false
    }

    @inline(__always) static func lower(_ c: UInt8) -> UInt8 { (c >= 0x41 && c <= 0x5A) ? c | 0x20 : c }

    /// `lower` on each byte of `x`: 0x20 added to the bytes 0x41-0x5A, computed on the low
    /// seven bits (no carry leaves a byte) and masked off for bytes >= 0x80.
    @inline(__always) static func lowerWord(_ x: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101, high: UInt64 = 0x8080_8080_8080_8080
        let low = x & ~high
        let upper = (low &+ ones &* (0x80 - 0x41)) & ~(low &+ ones &* (0x80 - 0x5B)) & ~x & high
        return x | upper >> 2
    }
}
