/// One cheap pass that says which decoders could possibly find something, so ordinary
/// prose skips decoding entirely.
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

    /// Per byte: bit 0 base64 alphabet, bit 1 hex digit, bit 2 worth a closer look.
    private static let classes: [UInt8] = (0..<256).map { b -> UInt8 in
        var c: UInt8 = 0
        if Base64Decoder.isAlphabet(UInt8(b)) { c |= 1 }
        if DecodeSupport.hexValue(UInt8(b)) != nil { c |= 2 }
        switch b {
        case 0x25, 0x26, 0x5C, 0x3C, 0xF3, 0x72, 0x52, 0x63, 0x43: c |= 4
        default: break
        }
        return c
    }

    static func scan(_ t: [UInt8]) -> EncodingHints {
        var hints: EncodingHints = []
        var b64Run = 0, hexRun = 0
        t.withUnsafeBufferPointer { p in
            Self.classes.withUnsafeBufferPointer { cls in
                let n = p.count
                for i in 0..<n {
                    let b = p[i]
                    let c = cls[Int(b)]
                    b64Run = c & 1 != 0 ? b64Run + 1 : 0
                    if b64Run == Base64Decoder.minimumRun { hints.insert(.base64Run) }
                    // Hex may be split by single separators, so count digits per word.
                    if c & 2 != 0 { hexRun += 1 } else if b != 0x20 && b != 0x3A && b != 0x2C { hexRun = 0 }
                    if hexRun == 2 * HexDecoder.minimumBytes { hints.insert(.hexRun) }
                    guard c & 4 != 0 else { continue }
                    switch b {
                    case 0x25: hints.insert(.percent)
                    case 0x26: hints.insert(.ampersand)
                    case 0x5C: hints.insert(.backslash)
                    case 0xF3: hints.insert(.tagLead)
                    case 0x3C: if i + 3 < n && p[i + 1] == 0x21 && p[i + 2] == 0x2D { hints.insert(.comment) }
                    default:  // r / c: maybe "rot13" or "caesar"
                        if i + 2 < n, p[i + 1] | 0x20 == 0x6F || p[i + 1] | 0x20 == 0x61 { hints.insert(.rotWord) }
                    }
                }
            }
        }
        return hints
    }
}
