/// The canonical path for text without look-alike letters: Latin text with accents, curly
/// quotes, dashes, bullets, CJK and the like. The confusables policy only ever decides about
/// scalars that have a confusable entry, so when there is none the per-scalar units and the
/// word list are not needed: one pass writes the same bytes and map as the general path.
extension CanonicalUnicode {
    /// What `canonical` gives for `input`, or nil when `input` holds a scalar with a confusable
    /// entry (the policy must look at its word) or folds to more bytes than the buffer holds.
    static func canonicalWithoutConfusables(_ input: [UInt8]) -> ([UInt8], OffsetMap)? {
        onePass(input, folding: nil)
    }

    /// What `canonical` gives for text with look-alike letters: the policy's answers first
    /// (`foldingWords`), then the same one pass, which folds a look-alike where its word does.
    /// Nil only when folds outgrow the buffer.
    static func canonicalWithWords(_ input: [UInt8]) -> ([UInt8], OffsetMap)? {
        onePass(input, folding: foldingWords(input))
    }

    /// The pass both use; `folding` nil: give up at the first look-alike.
    private static func onePass(_ input: [UInt8], folding: [Range<Int32>]?) -> ([UInt8], OffsetMap)? {
        let n = input.count
        // Folds rarely lengthen text (½ → 1⁄2, ﷺ → a phrase); past this the general path runs.
        let cap = n + n / 2 + 64
        let out = UnsafeMutablePointer<UInt8>.allocate(capacity: cap)
        let starts = UnsafeMutablePointer<Int32>.allocate(capacity: cap)
        let ends = UnsafeMutablePointer<Int32>.allocate(capacity: cap)
        defer { out.deallocate(); starts.deallocate(); ends.deallocate() }
        let written: Int? = input.withUnsafeBufferPointer { inp in
            ASCIIScan.canonicalClass.withUnsafeBufferPointer { cls in
                plainPass(input, inp, cls, out, starts, ends, cap, folding)
            }
        }
        guard let w = written else { return nil }
        let bytes = Array(UnsafeBufferPointer(start: out, count: w))
        let map = OffsetMap(starts: Array(UnsafeBufferPointer(start: starts, count: w)),
                            ends: Array(UnsafeBufferPointer(start: ends, count: w)), originalCount: n)
        return (bytes, map)
    }

    /// The loop of `canonicalWithoutConfusables`: returns the number of bytes written, or nil.
    private static func plainPass(_ input: [UInt8], _ inp: UnsafeBufferPointer<UInt8>, _ cls: UnsafeBufferPointer<UInt8>,
                                  _ out: UnsafeMutablePointer<UInt8>, _ starts: UnsafeMutablePointer<Int32>,
                                  _ ends: UnsafeMutablePointer<Int32>, _ cap: Int, _ folding: [Range<Int32>]?) -> Int? {
        let confusable = FoldTables.confusable, foldTable = FoldTables.fold
        var nextFold = 0
        let n = inp.count
        let raw = UnsafeRawPointer(inp.baseAddress!)
        let ones = ASCIIScan.ones, high = ASCIIScan.high
        var w = 0, i = 0
        var lastSpace = true
        @inline(__always) func put(_ b: UInt8, _ from: Int, _ to: Int) {
            out[w] = b; starts[w] = Int32(truncatingIfNeeded: from); ends[w] = Int32(truncatingIfNeeded: to); w &+= 1
        }
        while i < n {
            // Eight printable ASCII bytes with no space after a space: lower-cased one to one.
            if i + 8 <= n, w + 8 <= cap {
                let x = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                if x & high == 0 {
                    let sp = ASCIIScan.zeroBytes(x ^ ones &* 0x20)
                    let control = ~(x &+ ones &* 0x60) & high | ASCIIScan.zeroBytes(x ^ ones &* 0x7F)
                    if control == 0, sp & (sp << 8 | (lastSpace ? 0x80 : 0)) == 0 {
                        let upper = (x &+ ones &* 0x3F) & ~(x &+ ones &* 0x25) & high
                        UnsafeMutableRawPointer(out + w).storeBytes(of: x | upper >> 2, as: UInt64.self)
                        for k in 0..<8 {
                            starts[w &+ k] = Int32(truncatingIfNeeded: i &+ k)
                            ends[w &+ k] = Int32(truncatingIfNeeded: i &+ k &+ 1)
                        }
                        lastSpace = sp >> 63 != 0
                        w &+= 8
                        i &+= 8
                        continue
                    }
                }
            }
            let b0 = inp[i]
            if b0 < 0x80 {
                guard w < cap else { return nil }
                switch cls[Int(b0)] {
                case 2:
                    if !lastSpace { put(0x20, i, i &+ 1) }
                    lastSpace = true
                case 3: break
                case 1: put(b0 | 0x20, i, i &+ 1); lastSpace = false
                default: put(b0, i, i &+ 1); lastSpace = false
                }
                i &+= 1
                continue
            }
            let (scalar, len) = UTF8Decoding.decode(input, at: i)
            let end = i &+ len
            defer { i = end }
            guard let scalar else {
                guard w + 3 <= cap else { return nil }
                for b in replacementCharacter { put(b, i, end) }
                lastSpace = false
                continue
            }
            let v = scalar.value
            if v == 0xE0020 {
                if !lastSpace { guard w < cap else { return nil }; put(0x20, i, end) }
                lastSpace = true
                continue
            }
            if Invisibles.isInvisible(scalar) || isCombiningMark(v) || (v < 0xA0 && v != 0x85) { continue }
            if let c = confusable.index(of: v) {
                guard let folding else { return nil }
                // Words come in input order: skip those that end before this letter.
                let at = Int32(truncatingIfNeeded: i)
                while nextFold < folding.count, folding[nextFold].upperBound <= at { nextFold += 1 }
                if nextFold < folding.count, folding[nextFold].contains(at) {
                    let value = confusable.value(at: c)
                    guard w + value.count <= cap else { return nil }
                    for b in value { put(b, i, end) }
                    lastSpace = false
                    continue
                }
            }
            let fold = foldTable.index(of: v)
            if isSpace(v) || fold.map({ foldTable.has(ScalarTable.Trait.space, at: $0) }) == true {
                if !lastSpace { guard w < cap else { return nil }; put(0x20, i, end) }
                lastSpace = true
                continue
            }
            lastSpace = false
            if let fold {
                let folded = foldTable.value(at: fold)
                guard w + folded.count <= cap else { return nil }
                for b in folded { put(b, i, end) }
            } else {
                // A scalar the strict decoder accepted is its own UTF-8: copy the input bytes.
                guard w + len <= cap else { return nil }
                for k in i..<end { put(inp[k], i, end) }
            }
        }
        return w
    }
}
