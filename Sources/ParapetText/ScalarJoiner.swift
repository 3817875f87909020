/// Joins spaced-out non-ASCII letters (`и г н о р и р у й`, `忽 略`) that the byte-level
/// compactor, which works on ASCII tokens, leaves alone. Only runs with at least one
/// non-ASCII letter are touched, so ASCII text never pays for it.
enum ScalarJoiner {
    /// Byte positions of the single spaces to delete: between isolated one-scalar letters,
    /// in runs of two or more, where the original had exactly one whitespace.
    static func deletions(_ b: [UInt8], map: OffsetMap) -> [Int] {
        guard mayJoin(b) else { return [] }
        return deletionsReference(b, map: map)
    }

    /// A necessary condition for `deletionsReference` to find anything, from bytes only: some
    /// space has a letter on each side, one of the two non-ASCII, and neither letter has a
    /// word character on its far side. "Word character" is decided only where it is sure (an
    /// ASCII token byte, or a scalar of `surelyAlphabetic`); anything else counts as maybe.
    /// Prose words are long, so almost every space fails at once.
    static func mayJoin(_ b: [UInt8]) -> Bool {
        let n = b.count
        guard n >= 3 else { return false }
        var p = 1
        while p + 1 < n {
            defer { p += 1 }
            guard b[p] == 0x20, b[p - 1] >= 0x80 || b[p + 1] >= 0x80 else { continue }
            // X: the scalar ending at p (the forward decode lands on its first byte, since a
            // lead byte is never inside another valid sequence).
            var xs = p - 1
            while xs > 0 && p - xs < 4 && b[xs] & 0xC0 == 0x80 { xs -= 1 }
            let (x, xl) = UTF8Decoding.decode(b, at: xs)
            guard let x, xs + xl == p, x.isASCII ? Compactor.isLetter(UInt8(x.value)) : !surelyNotAlphabetic(x.value) else { continue }
            if xs > 0 && surelyWordBefore(b, xs) { continue }
            // Y: the scalar starting after the space.
            let (y, yl) = UTF8Decoding.decode(b, at: p + 1)
            guard let y, y.isASCII ? Compactor.isLetter(UInt8(y.value)) : !surelyNotAlphabetic(y.value) else { continue }
            if p + 1 + yl < n && surelyWordAt(b, p + 1 + yl) { continue }
            return true
        }
        return false
    }

    /// `wordByteAt` where it is sure to be true (false means "maybe not").
    private static func surelyWordAt(_ b: [UInt8], _ q: Int) -> Bool {
        let (s, _) = UTF8Decoding.decode(b, at: q)
        guard let s else { return false }
        return s.isASCII ? Compactor.isTokenByte(UInt8(s.value)) : surelyAlphabetic(s.value)
    }

    /// `wordByteBefore` where it is sure to be true (same backward step).
    private static func surelyWordBefore(_ b: [UInt8], _ p: Int) -> Bool {
        var q = p - 1
        while q > 0 && b[q] & 0xC0 == 0x80 { q -= 1 }
        return surelyWordAt(b, q)
    }

    /// Blocks of letters whose every scalar is Alphabetic (checked against the Unicode
    /// properties by a test): Latin-1 and Latin Extended-A letters, Greek and Cyrillic
    /// letters, Arabic letters, kana, CJK ideographs, Hangul syllables.
    static func surelyAlphabetic(_ v: UInt32) -> Bool {
        switch v {
        case 0x00C0...0x00D6, 0x00D8...0x00F6, 0x00F8...0x017F, 0x0386, 0x0388...0x038A, 0x038C, 0x038E...0x03A1,
             0x03A3...0x03F5, 0x0400...0x0481, 0x05D0...0x05EA, 0x0621...0x064A, 0x3041...0x3096, 0x30A1...0x30FA,
             0x4E00...0x9FFF, 0xAC00...0xD7A3:
            return true
        default:
            return false
        }
    }

    /// Pictographs and emoji (U+1F300-1FAFF): no scalar there is Alphabetic (checked by a test),
    /// so a one-emoji "word" is not a letter.
    static func surelyNotAlphabetic(_ v: UInt32) -> Bool {
        v >= 0x1F300 && v <= 0x1FAFF
    }

    /// The full search `deletions` runs when `mayJoin` allows it (and the reference for tests).
    static func deletionsReference(_ b: [UInt8], map: OffsetMap) -> [Int] {
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
