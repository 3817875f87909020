/// One cheap, branch-light pass that says which decoders could possibly find something, so
/// ordinary prose skips decoding entirely.
///
/// `scanReference` states the test with run counters, byte by byte; `scan` answers the same
/// eight bytes at a time and measures a run only where it could be long.
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
    /// Not a decoder's hint: the text holds a byte ≥ 0x80 (so its runs are not all ASCII).
    static let nonASCII = EncodingHints(rawValue: 1 << 8)

    // Class bits per byte. Bits 2-6 coincide with the hint bits they raise.
    private static let b64: UInt16 = 1 << 0, hex: UInt16 = 1 << 1, lt: UInt16 = 1 << 6
    private static let letterA: UInt16 = 1 << 8, letterE: UInt16 = 1 << 9, one: UInt16 = 1 << 10, hexSep: UInt16 = 1 << 11
    /// Bits 12 and 13 are the pass's found runs; this class bit marks a byte ≥ 0x80.
    private static let highByte: UInt16 = 1 << 14

    private static let classes: [UInt16] = (0..<256).map { b -> UInt16 in
        let u = UInt8(b)
        var c: UInt16 = 0
        if Base64Decoder.isAlphabet(u) { c |= b64 }
        if DecodeSupport.hexValue(u) != nil { c |= hex }
        if u >= 0x80 { c |= highByte }
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

    /// Flag bits every byte contributes directly (the "ae" pair needs two bytes).
    private static let direct: UInt16 = 0x7C | one | highByte

    /// Which decoders could find something in `t`.
    static func scan(_ t: [UInt8]) -> EncodingHints {
        let flags = t.withUnsafeBufferPointer { p in Self.classes.withUnsafeBufferPointer { pass(p, $0.baseAddress!) } }
        return finish(flags, t)
    }

    /// The flag bits `scanReference` collects, eight bytes a step. A block of letters, spaces,
    /// `.` and `,` (most of prose) is classified on byte masks; any other block byte by byte
    /// through `classes`. The long runs need no counter per byte: a run of 16 or more bytes
    /// always holds a whole aligned block, so only a block whose eight bytes may all continue
    /// the run (rare in prose, where spaces break both) calls `runAround`, which measures that
    /// run once and remembers where it ends, so later blocks inside it are skipped.
    private static func pass(_ p: UnsafeBufferPointer<UInt8>, _ cls: UnsafePointer<UInt16>) -> UInt16 {
        let n = p.count
        guard let text = p.baseAddress, n > 0 else { return 0 }
        let raw = UnsafeRawPointer(text)
        let ones = ASCIIScan.ones, high = ASCIIScan.high
        var flags: UInt16 = 0, lastA = false
        // Runs measured so far end here (exclusive); a run reaching its threshold is final.
        var b64Measured = 0, hexMeasured = 0
        var b64Found = false, hexFound = false
        var i = 0
        while i &+ 8 <= n {
            let x = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            let folded = x | ones &* 0x20
            let low = folded & ~high
            let letters = (low &+ ones &* 0x1F) & ~(low &+ ones &* 0x05) & ~x & high
            let space = ASCIIScan.zeroBytes(x ^ ones &* 0x20)
            // Comma and dot (0x2C, 0x2E) are equal once bit 1 is cleared.
            let stops = ASCIIScan.zeroBytes((x ^ ones &* 0x2C) & ~(ones &* 0x02))
            var b64All: Bool, hexMaybe: Bool
            if letters | space | stops == high {
                // Calm. "ae": lane k an `a` and lane k + 1 an `e` (lane 7 pairs with the next block's lane 0).
                let ae = ASCIIScan.zeroBytes((folded ^ ones &* 0x61) | ((folded >> 8) ^ ones &* 0x65))
                if ae != 0 || (lastA && folded & 0xFF == 0x65) { flags |= letterE }
                lastA = folded >> 56 == 0x61
                // The base64 bytes here are the letters. The hex run's are a-f and the separators:
                // a block without a letter from g on may be all of them (a dot makes it a false
                // alarm, which `runAround` measures harmlessly).
                b64All = letters == high
                hexMaybe = (low &+ ones &* 0x19) & letters == 0
            } else {
                var b64Lanes: UInt64 = 0, hexLanes: UInt64 = 0
                var k = 0
                while k < 8 {
                    let c = cls[Int(text[i &+ k])]
                    flags |= c & direct | (lastA ? c & letterE : 0)
                    lastA = c & letterA != 0
                    b64Lanes |= UInt64(c & b64) << UInt64(8 &* k &+ 7)
                    hexLanes |= UInt64((c >> 1 | c >> 11) & 1) << UInt64(8 &* k &+ 7)
                    k &+= 1
                }
                b64All = b64Lanes == high
                hexMaybe = hexLanes == high
            }
            if b64All, !b64Found, i >= b64Measured {
                let (count, end) = runAround(text, n, block: i, cls, members: b64, counted: b64, stopAt: b64Max)
                b64Found = count >= b64Max
                b64Measured = end
            }
            if hexMaybe, !hexFound, i >= hexMeasured {
                let (count, end) = runAround(text, n, block: i, cls, members: hex | hexSep, counted: hex, stopAt: hexMax)
                hexFound = count >= hexMax
                hexMeasured = end
            }
            i &+= 8
        }
        // The last bytes: flags only (a long run through them holds a whole block, measured above).
        while i < n {
            let c = cls[Int(text[i])]
            flags |= c & direct | (lastA ? c & letterE : 0)
            lastA = c & letterA != 0
            i &+= 1
        }
        return flags | (b64Found ? 1 << 12 : 0) | (hexFound ? 1 << 13 : 0)
    }

    /// The run of `members` bytes through the block at `block` (or, when its first byte is no
    /// member, the run just before it): how many of its bytes are `counted` (stopping once that
    /// reaches `stopAt`) and where it ends. The block before holds a byte that is no member (a
    /// block of members would have been measured, past this one), so at most seven are read back.
    private static func runAround(_ text: UnsafePointer<UInt8>, _ n: Int, block: Int, _ cls: UnsafePointer<UInt16>,
                                  members: UInt16, counted: UInt16, stopAt: Int) -> (Int, Int) {
        var count = 0
        var k = block
        while k > 0, cls[Int(text[k &- 1])] & members != 0 {
            k &-= 1
            if cls[Int(text[k])] & counted != 0 { count &+= 1 }
        }
        k = block
        while k < n, count < stopAt {
            let c = cls[Int(text[k])]
            if c & members == 0 { break }
            if c & counted != 0 { count &+= 1 }
            k &+= 1
        }
        return (count, k)
    }

    /// The specification `scan` is built from and tested against.
    static func scanReference(_ t: [UInt8]) -> EncodingHints {
        var flags: UInt16 = 0
        var b64Run = 0, maxB64 = 0, hexRun = 0, maxHex = 0
        var prev: UInt16 = 0
        for x in t {
            let c = classes[Int(x)]
            flags |= c & direct
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
        if flags & highByte != 0 { hints.insert(.nonASCII) }
        if flags & lt != 0 && HTMLCommentExtractor.hasOpening(t) { hints.insert(.comment) }
        if flags & (one | letterE) != 0 && Rot13Decoder.mentionsRot13(t) { hints.insert(.rotWord) }
        return hints
    }

    /// The run thresholds: a run reaching one is reported whatever follows.
    private static let b64Max = Base64Decoder.minimumRun, hexMax = 2 * HexDecoder.minimumBytes
}
