/// Builds the compact view from the canonical view: single letters split by one space, dot,
/// dash or underscore are joined when three or more form a run (two beside another run) (`i g n o r e`, `i.g.n.o.r.e`;
/// zero-width splits are already gone in canonical), and l33t digits/symbols are folded to
/// letters inside tokens that mix them with letters (`1gn0r3` -> `ignore`, `2024` stays).
public enum Compactor {
    /// Bytes that can form a token: ASCII letters, digits, `@` and `$`.
    @inline(__always) static func isTokenByte(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == 0x40 || b == 0x24 || (b >= 0x41 && b <= 0x5A)
    }

    @inline(__always) static func isSeparator(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x2E || b == 0x2D || b == 0x5F
    }

    @inline(__always) static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }

    /// The compact view of a canonical view; reuses its bytes and map when nothing changes.
    /// `lexicon`: words (lower-case ASCII) that decide whether a l33t "1" is an "i" or an "l".
    public static func compactView(of canonical: TextView, lexicon: Set<[UInt8]> = []) -> TextView {
        changedCompactView(of: canonical, lexicon: lexicon)
            ?? TextView(kind: .compact, bytes: canonical.bytes, map: canonical.map, chain: canonical.chain + ["compact"])
    }

    /// `compactView(of:lexicon:)`, or nil when it found nothing to change (most texts): the
    /// scan then drops the view, and this way builds nothing for it, not even its chain.
    /// A view it returns may still hold the canonical bytes (l33t folding that kept them).
    static func changedCompactView(of canonical: TextView, lexicon: Set<[UInt8]>) -> TextView? {
        let ascii = asciiCompactView(of: canonical, lexicon: lexicon)
        guard !ASCIIScan.isASCII(canonical.bytes) else { return ascii }
        let base = ascii ?? canonical
        let deletions = ScalarJoiner.deletions(base.bytes, map: base.map)
        guard !deletions.isEmpty else { return ascii }
        let (bytes, own) = ScalarJoiner.apply(base.bytes, deleting: deletions)
        return TextView(kind: .compact, bytes: bytes, map: own.composed(over: base.map), chain: canonical.chain + ["compact"])
    }

    /// Joins and l33t folding over ASCII tokens (the fast path); nil when there is nothing to join or fold.
    static func asciiCompactView(of canonical: TextView, lexicon: Set<[UInt8]>) -> TextView? {
        let input = canonical.bytes
        guard CompactPrefilter.mayChange(input) else { return nil }
        let chain = canonical.chain + ["compact"]
        let joins = joinRuns(input, map: canonical.map)
        if joins.isEmpty {
            // Nothing joined: l33t folding keeps every byte in place, so canonical's map holds.
            guard hasLeetToken(input) else { return nil }
            var out = input
            Leet.foldMixedTokens(&out, lexicon: lexicon)
            return TextView(kind: .compact, bytes: out, map: canonical.map, chain: chain)
        }
        var out = [UInt8](), src = [Int32]()
        out.reserveCapacity(input.count)
        src.reserveCapacity(input.count)
        var j = 0
        var i = 0
        while i < input.count {
            if j < joins.count && joins[j].lowerBound == i {
                var p = i
                while p < joins[j].upperBound { out.append(input[p]); src.append(Int32(p)); p += 2 }
                i = joins[j].upperBound
                j += 1
                continue
            }
            out.append(input[i]); src.append(Int32(i)); i += 1
        }
        Leet.foldMixedTokens(&out, lexicon: lexicon)
        let own = OffsetMap(starts: src, ends: src.map { $0 + 1 }, originalCount: input.count)
        return TextView(kind: .compact, bytes: out, map: own.composed(over: canonical.map), chain: chain)
    }

    /// Ranges of runs of >= 3 single-character tokens (or 2 beside another run) separated by exactly one separator,
    /// the same separator throughout. A space that stood for two or more whitespace bytes in
    /// the original (per `map`) ends the run: `i g n o r e  a l l` is two words.
    /// Each range starts at the first token and ends after the last one.
    static func joinRuns(_ b: [UInt8], map: OffsetMap = .identity(count: 0)) -> [Range<Int>] {
        var runs = [Range<Int>]()
        let n = b.count
        var i = 0
        while i < n {
            // Eight bytes at a time while no single-character token can start among them.
            if i + 8 <= n, !mayHoldSingleToken(b, i) { i += 8; continue }
            guard isSingleToken(b, i) else { i += 1; continue }
            var count = 1, last = i, letters = isLetter(b[i]) ? 1 : 0
            let sep = last + 1 < n ? b[last + 1] : 0
            while last + 2 < n && b[last + 1] == sep && isSeparator(sep) && isSingleToken(b, last + 2)
                && !(sep == 0x20 && isWideGap(map, last + 1)) {
                last += 2; count += 1
                if isLetter(b[last]) { letters += 1 }
            }
            if count >= 2 && letters > 0 { runs.append(i..<(last + 1)) }
            i = last + 1
        }
        // Two letters alone ("a b", "e.g.") are ordinary text; they join only as part of a
        // spaced-out phrase, i.e. right next to another run ("t e l l   m e").
        return runs.indices.filter { k in
            runs[k].count >= 5
                || (k > 0 && runs[k - 1].upperBound + 1 == runs[k].lowerBound)
                || (k + 1 < runs.count && runs[k].upperBound + 1 == runs[k + 1].lowerBound)
        }.map { runs[$0] }
    }

    /// True when the space at view byte `p` was followed by more removed bytes (a collapsed
    /// whitespace run) before the next letter.
    private static func isWideGap(_ map: OffsetMap, _ p: Int) -> Bool {
        guard let s = map.starts, p + 1 < s.count else { return false }
        return s[p + 1] - s[p] >= 2
    }

    /// False only when none of the eight bytes at `p` is a token byte between two non-token
    /// bytes; bytes outside the block count as non-token, so the answer errs towards true.
    @inline(__always) static func mayHoldSingleToken(_ b: [UInt8], _ p: Int) -> Bool {
        let token = tokenMasks(b.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: p, as: UInt64.self) }).token
        return token & ~(token << 8) & ~(token >> 8) != 0
    }

    /// For eight bytes `x`: 0x80 in each byte that is a token byte (`isTokenByte`), and in each
    /// that is a digit, `@` or `$` (the token bytes that are not letters).
    @inline(__always) static func tokenMasks(_ x: UInt64) -> (token: UInt64, nonLetter: UInt64) {
        let ones = ASCIIScan.ones, high = ASCIIScan.high
        // Per-byte range tests on the low seven bits (no carry leaves a byte); bytes >= 0x80 are masked out.
        let low = x & ~high
        let folded = low | ones &* 0x20
        let letters = (folded &+ ones &* 0x1F) & ~(folded &+ ones &* 0x05)
        let digits = (low &+ ones &* 0x50) & ~(low &+ ones &* 0x46)
        let signs = ASCIIScan.zeroBytes(x ^ ones &* 0x40) | ASCIIScan.zeroBytes(x ^ ones &* 0x24)
        let nonLetter = (digits | signs) & ~x & high
        return ((letters & ~x & high) | nonLetter, nonLetter)
    }

    @inline(__always) private static func isSingleToken(_ b: [UInt8], _ p: Int) -> Bool {
        isTokenByte(b[p]) && (p == 0 || !isTokenByte(b[p - 1])) && (p + 1 == b.count || !isTokenByte(b[p + 1]))
    }

    static func hasLeetToken(_ b: [UInt8]) -> Bool {
        var letter = false, leet = false
        for x in b {
            if isLetter(x) { letter = true } else if Leet.letter(for: x) != nil { leet = true } else if !isTokenByte(x) {
                letter = false; leet = false
                continue
            }
            if letter && leet { return true }
        }
        return false
    }
}
