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
        // Uninitialized buffers: every byte the view keeps is written below, and zeroing them
        // first cost a memset per scan.
        var first = 0
        var starts: [Int32] = []
        let out = [UInt8](unsafeUninitializedCapacity: n) { o, count in
            // Common case first: nothing to remove, so lower-casing in place of the identity map.
            // The pass stops at the first byte to remove; the bytes before it keep their offsets.
            first = input.withUnsafeBufferPointer { identityPrefix($0, into: o) }
            if first == n {
                count = n
                return
            }
            var written = 0
            starts = [Int32](unsafeUninitializedCapacity: n) { s, kept in
                written = input.withUnsafeBufferPointer { removing($0, from: first, into: o, starts: s) }
                kept = written
            }
            count = written
        }
        if first == n { return (out, .identity(count: n)) }
        // Each kept byte comes from exactly one input byte.
        let ends = starts.map { $0 &+ 1 }
        return (out, OffsetMap(starts: starts, ends: ends, originalCount: n))
    }

    /// Writes the canonical bytes of `inp` into `o` up to the first byte the view drops (a
    /// control byte, leading whitespace or whitespace after whitespace) and returns its offset,
    /// or the count when there is none.
    private static func identityPrefix(_ inp: UnsafeBufferPointer<UInt8>, into o: UnsafeMutableBufferPointer<UInt8>) -> Int {
        let n = inp.count
        let raw = UnsafeRawPointer(inp.baseAddress!)
        let dst = UnsafeMutableRawPointer(o.baseAddress!)
        let table = ASCIIScan.canonicalByte
        return table.withUnsafeBufferPointer { t in
            var prevSpace: UInt8 = 1
            var i = 0
            while i < n {
                // Sixteen, else eight bytes per step while they are printable (0x20-0x7E) with no
                // space after a space (nor a leading one): the map then only lower-cases.
                if i + 16 <= n {
                    let x0 = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                    let x1 = raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)
                    let sp0 = ASCIIScan.zeroBytes(x0 ^ ASCIIScan.ones &* 0x20)
                    let sp1 = ASCIIScan.zeroBytes(x1 ^ ASCIIScan.ones &* 0x20)
                    let control = ~(x0 &+ ASCIIScan.ones &* 0x60) & ASCIIScan.high | ASCIIScan.zeroBytes(x0 ^ ASCIIScan.ones &* 0x7F)
                        | ~(x1 &+ ASCIIScan.ones &* 0x60) & ASCIIScan.high | ASCIIScan.zeroBytes(x1 ^ ASCIIScan.ones &* 0x7F)
                    let doubled = sp0 & (sp0 << 8 | UInt64(prevSpace) << 7) | sp1 & (sp1 << 8 | sp0 >> 56)
                    if control | doubled == 0 {
                        let upper0 = (x0 &+ ASCIIScan.ones &* 0x3F) & ~(x0 &+ ASCIIScan.ones &* 0x25) & ASCIIScan.high
                        let upper1 = (x1 &+ ASCIIScan.ones &* 0x3F) & ~(x1 &+ ASCIIScan.ones &* 0x25) & ASCIIScan.high
                        (dst + i).storeBytes(of: x0 | upper0 >> 2, as: UInt64.self)
                        (dst + i + 8).storeBytes(of: x1 | upper1 >> 2, as: UInt64.self)
                        prevSpace = UInt8(truncatingIfNeeded: sp1 >> 63)
                        i += 16
                        continue
                    }
                }
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
                    let sp: UInt8 = m == 0x20 ? 1 : 0
                    if m == 0 || sp & prevSpace != 0 { return i }
                    o[i] = m
                    prevSpace = sp
                    i += 1
                }
            }
            return n
        }
    }

    /// The canonical bytes of `inp` from `from` on, where the first removal is, written from
    /// the same offset of `o` (all earlier bytes were kept), with each kept byte's source offset
    /// in `s`; returns how many bytes the view holds.
    private static func removing(_ inp: UnsafeBufferPointer<UInt8>, from: Int, into o: UnsafeMutableBufferPointer<UInt8>,
                                 starts s: UnsafeMutableBufferPointer<Int32>) -> Int {
        for k in 0..<from { s[k] = Int32(k) }
        let n = inp.count
        let table = ASCIIScan.canonicalByte
        return table.withUnsafeBufferPointer { t in
            var w = from
            // Before a leading run, or after a kept space, a further whitespace byte is dropped.
            var lastSpace = from == 0 || o[from - 1] == 0x20
            for i in from..<n {
                let m = t[Int(inp[i])]
                if m == 0 { continue }
                let sp = m == 0x20
                if sp && lastSpace { continue }
                lastSpace = sp
                o[w] = m
                s[w] = Int32(i)
                w += 1
            }
            return w
        }
    }
}
