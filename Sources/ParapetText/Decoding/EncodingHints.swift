/// One cheap, branch-light pass that says which decoders could possibly find something, so
/// ordinary prose skips decoding entirely.
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

    static func scan(_ t: [UInt8]) -> EncodingHints {
        var flags: UInt16 = 0
        var b64Run = 0, maxB64 = 0, hexRun = 0, maxHex = 0
        t.withUnsafeBufferPointer { p in
            Self.classes.withUnsafeBufferPointer { cls in
                var prev: UInt16 = 0
                for i in 0..<p.count {
                    let c = cls[Int(p[i])]
                    flags |= c & (0x7C | one)
                    flags |= ((prev & letterA) << 1) & c & letterE  // "ae" as in "caesar"
                    prev = c
                    b64Run = (b64Run + 1) & -Int(c & 1)
                    maxB64 = max(maxB64, b64Run)
                    // Hex may be split by single separators, so separators keep the count.
                    hexRun = (hexRun + Int((c >> 1) & 1)) & -Int(((c >> 1) | (c >> 11)) & 1)
                    maxHex = max(maxHex, hexRun)
                }
            }
        }
        var hints = EncodingHints(rawValue: flags & 0x3C)
        if maxB64 >= Base64Decoder.minimumRun { hints.insert(.base64Run) }
        if maxHex >= 2 * HexDecoder.minimumBytes { hints.insert(.hexRun) }
        if flags & lt != 0 && HTMLCommentExtractor.hasOpening(t) { hints.insert(.comment) }
        if flags & (one | letterE) != 0 && Rot13Decoder.mentionsRot13(t) { hints.insert(.rotWord) }
        return hints
    }
}
