/// One cheap, branch-light pass that says which decoders could possibly find something, so
/// ordinary prose skips decoding entirely.
///
/// `scanReference` states the test with run counters; `scan` runs it as an automaton whose
/// states are the counters saturated at their thresholds (reaching one is final for that
/// counter) and whether the last byte was an `a`, built from the reference step itself.
struct EncodingHints: OptionSet {
    let rawValue: UInt16
    static let base64Run = EncodingHints(rawValue: 1 << 0)
    static let hexRun = EncodingHints(rawValue: 1 << 1)
    static let percent = EncodingHints(rawValue: 1 << 2)
    static let ampersand = EncodingHints(rawValue: 1 << 3)
    static let backslash = EncodingHints(rawValue: 1 << 4)
    static let tagLead = EncodingHints(rawValue: 1 << 5)
    static let comment = EncodingHints(rawValue: 1 << 6)
    static let rotWord = EncodingHints(rawValue: 1 << 7)

    // Class bits per byte. Bits 2-6 coincide with the hint bits they raise.
    private static let b64: UInt16 = 1 << 0, hex: UInt16 = 1 << 1, lt: UInt16 = 1 << 6
    private static let letterA: UInt16 = 1 << 8, letterE: UInt16 = 1 << 9, one: UInt16 = 1 << 10, hexSep: UInt16 = 1 << 11

    private static let classes: [UInt16] = (0..<256).map { b -> UInt16 in
        let u = UInt8(b)
        var c: UInt16 = 0
        if Base64Decoder.isAlphabet(u) { c |= b64 }
        if DecodeSupport.hexValue(u) != nil { c |= hex }
        switch u {
        case 0x25: c |= EncodingHints.percent.rawValue
        case 0x26: c |= EncodingHints.ampersand.rawValue
        case 0x5C: c |= EncodingHints.backslash.rawValue
        case 0xF3: c |= EncodingHints.tagLead.rawValue
        case 0x3C: c |= lt
        case 0x41, 0x61: c |= letterA
        case 0x45, 0x65: c |= letterE
        case 0x31: c |= one
        case 0x20, 0x3A, 0x2C: c |= hexSep
        default: break
        }
        return c
    }

    /// Flag bits every byte contributes directly (the "ae" pair is tracked by the automaton).
    private static let direct: UInt16 = 0x7C | one

    static func scan(_ t: [UInt8]) -> EncodingHints {
        var flags: UInt16 = 0
        var state = 0
        t.withUnsafeBufferPointer { p in
            Self.classes.withUnsafeBufferPointer { cls in
                Self.stepClass.withUnsafeBufferPointer { kind in
                    Self.transitions.withUnsafeBufferPointer { next in
                        let n = p.count
                        var i = 0
                        while i < n {
                            // Eight calm bytes (most of prose) at once: no chain of dependent loads.
                            if i + 8 <= n {
                                let (s, end) = Self.calmRun(state, UnsafeRawPointer(p.baseAddress!), from: i, count: n)
                                if end > i {
                                    state = s
                                    i = end
                                    continue
                                }
                            }
                            // Not plain: the automaton takes the next eight bytes (one block test per block).
                            let stop = min(n, i + 8)
                            while i < stop {
                                let b = Int(p[i])
                                flags |= cls[b]
                                state = Int(next[state &* Self.kinds &+ Int(kind[b])])
                                i += 1
                            }
                        }
                    }
                }
            }
        }
        return finish(flags & direct | Self.stateFlags[state], t)
    }

    /// The specification `scan` is built from and tested against.
    static func scanReference(_ t: [UInt8]) -> EncodingHints {
        var flags: UInt16 = 0
        var b64Run = 0, maxB64 = 0, hexRun = 0, maxHex = 0
        var prev: UInt16 = 0
        for x in t {
            let c = classes[Int(x)]
            flags |= c & (0x7C | one)
            flags |= ((prev & letterA) << 1) & c & letterE  // "ae" as in "caesar"
            prev = c
            b64Run = (b64Run + 1) & -Int(c & 1)
            maxB64 = max(maxB64, b64Run)
            // Hex may be split by single separators, so separators keep the count.
            hexRun = (hexRun + Int((c >> 1) & 1)) & -Int(((c >> 1) | (c >> 11)) & 1)
            maxHex = max(maxHex, hexRun)
        }
        if maxB64 >= Base64Decoder.minimumRun { flags |= 1 << 12 }
        if maxHex >= 2 * HexDecoder.minimumBytes { flags |= 1 << 13 }
        return finish(flags, t)
    }

    /// Hints from the pass's flag bits (bit 12: a long base64 run, bit 13: a long hex run).
    private static func finish(_ flags: UInt16, _ t: [UInt8]) -> EncodingHints {
        var hints = EncodingHints(rawValue: flags & 0x3C)
        if flags & (1 << 12) != 0 { hints.insert(.base64Run) }
        if flags & (1 << 13) != 0 { hints.insert(.hexRun) }
        if flags & lt != 0 && HTMLCommentExtractor.hasOpening(t) { hints.insert(.comment) }
        if flags & (one | letterE) != 0 && Rot13Decoder.mentionsRot13(t) { hints.insert(.rotWord) }
        return hints
    }

    // The automaton. A state holds the base64 run (0...b64Max, b64Max final), the hex run
    // (0...hexMax, hexMax final), whether the last byte was an `a`, and whether an "ae" was seen.
    private static let b64Max = Base64Decoder.minimumRun, hexMax = 2 * HexDecoder.minimumBytes

    /// Byte -> the class bits that drive the counters (base64, hex, separator, a, e), densely numbered.
    private static let stepBits: [UInt16] = classes.map { $0 & (b64 | hex | hexSep | letterA | letterE) }
    private static let distinctBits: [UInt16] = Array(Set(stepBits)).sorted()
    private static let stepClass: [UInt8] = stepBits.map { UInt8(distinctBits.firstIndex(of: $0)!) }
    private static let kinds = distinctBits.count

    private static func encode(b64Run: Int, hexRun: Int, lastA: Bool, sawAE: Bool) -> Int {
        ((b64Run * (hexMax + 1) + hexRun) * 2 + (lastA ? 1 : 0)) * 2 + (sawAE ? 1 : 0)
    }

    private static let stateCount = (b64Max + 1) * (hexMax + 1) * 4

    private static let transitions: [UInt16] = {
        var table = [UInt16](repeating: 0, count: stateCount * kinds)
        for b in 0...b64Max {
            for h in 0...hexMax {
                for lastA in [false, true] {
                    for sawAE in [false, true] {
                        let s = encode(b64Run: b, hexRun: h, lastA: lastA, sawAE: sawAE)
                        for (k, c) in distinctBits.enumerated() {
                            let nb = b == b64Max ? b64Max : (c & b64 != 0 ? b + 1 : 0)
                            let isHex = c & hex != 0, keeps = isHex || c & hexSep != 0
                            let nh = h == hexMax ? hexMax : (keeps ? h + (isHex ? 1 : 0) : 0)
                            let ae = sawAE || (lastA && c & letterE != 0)
                            table[s * kinds + k] = UInt16(encode(b64Run: nb, hexRun: nh, lastA: c & letterA != 0, sawAE: ae))
                        }
                    }
                }
            }
        }
        return table
    }()

    /// The automaton's state after the eight-byte blocks from `from` that are plain prose
    /// (letters, spaces, `.` and `,` only: none raises a flag of its own), and where they end
    /// (`from` when the first block is not plain). The counters are worked out on byte masks: a
    /// run saturates if the bytes that continue it from before a block reach its threshold
    /// (runs inside eight bytes cannot, both thresholds being 16), and otherwise ends as the run
    /// of bytes after the block's last breaking byte.
    @inline(__always)
    static func calmRun(_ state: Int, _ text: UnsafeRawPointer, from start: Int, count n: Int) -> (Int, Int) {
        let ones = ASCIIScan.ones, high = ASCIIScan.high
        let runs = state >> 2
        var b = runs / (hexMax + 1), h = runs - b * (hexMax + 1)
        var lastA = state & 2 != 0, sawAE = state & 1 != 0
        var i = start
        while i + 8 <= n {
            let x = text.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            let folded = x | ones &* 0x20
            // Letters on the low seven bits; a byte >= 0x80 fails the plain test below anyway.
            let low = folded & ~high
            let letters = (low &+ ones &* 0x1F) & ~(low &+ ones &* 0x05) & ~x & high
            let space = ASCIIScan.zeroBytes(x ^ ones &* 0x20), comma = ASCIIScan.zeroBytes(x ^ ones &* 0x2C)
            guard letters | space | comma | ASCIIScan.zeroBytes(x ^ ones &* 0x2E) == high else { break }
            // Here base64 bytes are the letters, hex bytes the letters a-f.
            let hex = (low &+ ones &* 0x1F) & ~(low &+ ones &* 0x19) & letters
            let a = ASCIIScan.zeroBytes(folded ^ ones &* 0x61) & letters, e = ASCIIScan.zeroBytes(folded ^ ones &* 0x65) & letters
            sawAE = sawAE || (lastA && e & 0x80 != 0) || a & (e >> 8) != 0
            lastA = a >> 63 != 0
            b = run(b, limit: b64Max, members: letters, counted: letters)
            h = run(h, limit: hexMax, members: hex | space | comma, counted: hex)
            i += 8
        }
        return (encode(b64Run: b, hexRun: h, lastA: lastA, sawAE: sawAE), i)
    }

    /// A saturating run counter over one block: `members` continue the run (others reset it),
    /// `counted` (a subset) add one. Both are lane masks (0x80 per byte).
    @inline(__always)
    private static func run(_ entry: Int, limit: Int, members: UInt64, counted: UInt64) -> Int {
        if entry >= limit { return limit }
        let breakers = ~members & ASCIIScan.high
        if breakers == 0 { return min(limit, entry + lanes(counted)) }
        // Bytes before the first breaker continue the entry run; those after the last start anew.
        let first = breakers.trailingZeroBitCount & ~7
        let before = first == 0 ? 0 : lanes(counted & (UInt64.max >> (64 - first)))
        if entry + before >= limit { return limit }
        let last = 63 - breakers.leadingZeroBitCount
        return last >= 63 ? 0 : lanes(counted >> UInt64(last + 1))
    }

    /// The number of bytes marked in a lane mask: one multiply (no popcount instruction on
    /// baseline x86-64).
    @inline(__always)
    private static func lanes(_ m: UInt64) -> Int { Int(truncatingIfNeeded: ((m >> 7) &* ASCIIScan.ones) >> 56) }

    /// Per state: the flag bits it stands for (long runs as bits 12 and 13, "ae" as `letterE`).
    private static let stateFlags: [UInt16] = (0..<stateCount).map { s in
        let sawAE = s & 1 != 0
        let h = (s >> 2) % (hexMax + 1), b = (s >> 2) / (hexMax + 1)
        return (b == b64Max ? 1 << 12 : 0) | (h == hexMax ? 1 << 13 : 0) | (sawAE ? letterE : 0)
    }
}
