/// Joins spaced-out non-ASCII letters (`и г н о р и р у й`, `忽 略`) that the byte-level
/// compactor, which works on ASCII tokens, leaves alone. Only runs with at least one
/// non-ASCII letter are touched, so ASCII text never pays for it.
enum ScalarJoiner {
    /// Byte positions of the single spaces to delete: between isolated one-scalar letters,
    /// in runs of two or more, where the original had exactly one whitespace.
    static func deletions(_ b: [UInt8], map: OffsetMap) -> [Int] {
        var tokens: [(start: Int, end: Int, ascii: Bool)] = []
        var i = 0
        while i < b.count {
            let (scalar, len) = UTF8Decoding.decode(b, at: i)
            if let s = scalar, isLetter(s) { tokens.append((i, i + len, s.isASCII)) }
            i += len
        }
        var out: [Int] = []
        var k = 0
        while k < tokens.count {
            guard isolated(tokens[k], b) else { k += 1; continue }
            var j = k
            var hasWide = !tokens[k].ascii
            while j + 1 < tokens.count, tokens[j + 1].start == tokens[j].end + 1, b[tokens[j].end] == 0x20,
                  !wideGap(map, tokens[j].end), isolated(tokens[j + 1], b) {
                j += 1
                if !tokens[j].ascii { hasWide = true }
            }
            if j > k && hasWide { for t in k..<j { out.append(tokens[t].end) } }
            k = j + 1
        }
        return out
    }

    /// Removes the bytes at `positions` (sorted); returns the bytes and a map into the input.
    static func apply(_ b: [UInt8], deleting positions: [Int]) -> ([UInt8], OffsetMap) {
        var out = [UInt8](), starts = [Int32](), ends = [Int32]()
        out.reserveCapacity(b.count)
        var next = 0
        for (i, x) in b.enumerated() {
            if next < positions.count && positions[next] == i { next += 1; continue }
            out.append(x); starts.append(Int32(i)); ends.append(Int32(i + 1))
        }
        return (out, OffsetMap(starts: starts, ends: ends, originalCount: b.count))
    }

    private static func isLetter(_ s: Unicode.Scalar) -> Bool {
        s.isASCII ? Compactor.isLetter(UInt8(s.value)) : s.properties.isAlphabetic
    }

    /// A token is isolated when the bytes around it are not letters or digits (spaces, punctuation, ends).
    private static func isolated(_ t: (start: Int, end: Int, ascii: Bool), _ b: [UInt8]) -> Bool {
        (t.start == 0 || !wordByteBefore(b, t.start)) && (t.end == b.count || !wordByteAt(b, t.end))
    }

    private static func wordByteAt(_ b: [UInt8], _ p: Int) -> Bool {
        let (s, _) = UTF8Decoding.decode(b, at: p)
        guard let s else { return false }
        return s.isASCII ? Compactor.isTokenByte(UInt8(s.value)) : s.properties.isAlphabetic
    }

    private static func wordByteBefore(_ b: [UInt8], _ p: Int) -> Bool {
        var q = p - 1
        while q > 0 && b[q] & 0xC0 == 0x80 { q -= 1 }
        return wordByteAt(b, q)
    }

    private static func wideGap(_ map: OffsetMap, _ p: Int) -> Bool {
        guard let s = map.starts, p + 1 < s.count else { return false }
        return s[p + 1] - s[p] >= 2
    }
}
