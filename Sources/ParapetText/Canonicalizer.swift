/// Builds the canonical view: NFKC, case fold, invisibles dropped, whitespace collapsed,
/// confusable letters folded to Latin where they pose as Latin.
///
/// ASCII input never reaches the Unicode tables: it only needs lower-casing, control
/// removal and whitespace collapsing, and keeps the identity map when nothing is removed.
/// Whitespace runs become one space; leading whitespace is dropped, a trailing run stays
/// as one space. See `CanonicalUnicode` for the non-ASCII rules (confusables policy).
public enum Canonicalizer {
    /// The canonical view of `input` (any bytes; invalid UTF-8 becomes U+FFFD).
    public static func canonicalView(of input: [UInt8]) -> TextView {
        let (bytes, map) = ASCIIScan.isASCII(input) ? asciiCanonical(input) : CanonicalUnicode.canonical(input)
        return TextView(kind: .canonical, bytes: bytes, map: map, chain: ["canonical"])
    }

    /// The bytes the non-ASCII scalar `v` becomes in canonical text where no confusable is
    /// folded: its case (and diacritic) fold, else itself; nil when canonical text drops it or
    /// reads it as a space. Literal extraction uses it for patterns that only read canonical text.
    public static func foldedBytes(of v: UInt32) -> [UInt8]? {
        guard v >= 0xA0, let s = Unicode.Scalar(v), v != 0xE0020 else { return nil }
        if Invisibles.isInvisible(s) || CanonicalUnicode.isCombiningMark(v) || CanonicalUnicode.isSpace(v) { return nil }
        if let f = FoldTables.fold.index(of: v) {
            let b = Array(FoldTables.fold.value(at: f))
            return b.isEmpty || b.contains(0x20) ? nil : b
        }
        return Array(String(Character(s)).utf8)
    }

    /// Canonical bytes and map for ASCII-only input.
    static func asciiCanonical(_ input: [UInt8]) -> ([UInt8], OffsetMap) {
        let n = input.count
        if n == 0 { return ([], .identity(count: 0)) }
        // Common case first: nothing to remove, so a branch-free byte map suffices.
        var out = [UInt8](repeating: 0, count: n)
        var bad: UInt8 = 0
        out.withUnsafeMutableBufferPointer { o in
            input.withUnsafeBufferPointer { inp in
                ASCIIScan.canonicalByte.withUnsafeBufferPointer { t in
                    var prevSpace: UInt8 = 1
                    let raw = UnsafeRawPointer(inp.baseAddress!)
                    let dst = UnsafeMutableRawPointer(o.baseAddress!)
                    var i = 0
                    while i < n {
                        // Eight bytes per step while they are printable (0x20-0x7E) with no
                        // space after a space (nor a leading one): the map then only lower-cases.
                        if i + 8 <= n {
                            let x = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                            let sp = ASCIIScan.zeroBytes(x ^ ASCIIScan.ones &* 0x20)
                            let control = ~(x &+ ASCIIScan.ones &* 0x60) & ASCIIScan.high | ASCIIScan.zeroBytes(x ^ ASCIIScan.ones &* 0x7F)
                            if control == 0, sp & (sp << 8 | UInt64(prevSpace) << 7) == 0 {
                                let upper = (x &+ ASCIIScan.ones &* 0x3F) & ~(x &+ ASCIIScan.ones &* 0x25) & ASCIIScan.high
                                (dst + i).storeBytes(of: x | upper >> 2, as: UInt64.self)
                                prevSpace = UInt8(truncatingIfNeeded: sp >> 63)
                                i += 8
                                continue
                            }
                        }
                        let stop = min(n, i + 8)
                        while i < stop {
                            let m = t[Int(inp[i])]
                            o[i] = m
                            let sp: UInt8 = m == 0x20 ? 1 : 0
                            bad |= (sp & prevSpace) | (m == 0 ? 1 : 0)
                            prevSpace = sp
                            i += 1
                        }
                    }
                }
            }
        }
        if bad == 0 { return (out, .identity(count: n)) }
        let cls = ASCIIScan.canonicalClass
        var written = 0
        var removed = false
        out.withUnsafeMutableBufferPointer { o in
            input.withUnsafeBufferPointer { inp in
                cls.withUnsafeBufferPointer { c in
                    var w = 0
                    var lastSpace = true
                    for i in 0..<n {
                        let b = inp[i]
                        switch c[Int(b)] {
                        case 0: o[w] = b; w += 1; lastSpace = false
                        case 1: o[w] = b | 0x20; w += 1; lastSpace = false
                        case 2:
                            if !lastSpace { o[w] = 0x20; w += 1 }
                            lastSpace = true
                        default: break
                        }
                    }
                    written = w
                }
            }
        }
        removed = written != n
        if !removed { return (out, .identity(count: n)) }
        out.removeLast(n - written)
        // Second pass only when bytes were removed: record each kept byte's source.
        var starts = [Int32](repeating: 0, count: written)
        var ends = [Int32](repeating: 0, count: written)
        starts.withUnsafeMutableBufferPointer { s in
            ends.withUnsafeMutableBufferPointer { e in
                input.withUnsafeBufferPointer { inp in
                    cls.withUnsafeBufferPointer { c in
                        var w = 0
                        var lastSpace = true
                        for i in 0..<n {
                            let k = c[Int(inp[i])]
                            if k == 3 { continue }
                            if k == 2 {
                                if lastSpace { continue }
                                lastSpace = true
                            } else {
                                lastSpace = false
                            }
                            s[w] = Int32(i); e[w] = Int32(i + 1); w += 1
                        }
                    }
                }
            }
        }
        return (out, OffsetMap(starts: starts, ends: ends, originalCount: n))
    }
}
