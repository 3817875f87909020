/// Builds the canonical view. ASCII input takes a fast path that never touches Foundation.
public enum Canonicalizer {
    public static func canonicalView(of input: [UInt8]) -> TextView {
        var out = [UInt8]()
        out.reserveCapacity(input.count)
        var starts = [Int32]()
        var ends = [Int32]()
        var lengthChanged = false
        var lastWasSpace = true
        var i = 0
        func emit(_ b: UInt8, _ s: Int, _ e: Int) {
            out.append(b); starts.append(Int32(s)); ends.append(Int32(e))
        }
        while i < input.count {
            let b = input[i]
            if b < 0x80 {
                if b == 0x20 || (b >= 0x09 && b <= 0x0D) {
                    if lastWasSpace { lengthChanged = true } else { emit(0x20, i, i + 1); if b != 0x20 { lengthChanged = lengthChanged || false } }
                    lastWasSpace = true
                } else if b < 0x20 || b == 0x7F {
                    lengthChanged = true
                } else {
                    emit(b >= 0x41 && b <= 0x5A ? b | 0x20 : b, i, i + 1)
                    lastWasSpace = false
                }
                i += 1
                continue
            }
            let (scalar, len) = UTF8Decoding.decode(input, at: i)
            lengthChanged = true
            if let scalar, !Invisibles.isInvisible(scalar) {
                if scalar.properties.isWhitespace {
                    if !lastWasSpace { emit(0x20, i, i + len) }
                    lastWasSpace = true
                } else {
                    for ch in scalar.properties.lowercaseMapping.unicodeScalars {
                        for u in String(ch).utf8 { emit(u, i, i + len) }
                    }
                    lastWasSpace = false
                }
            } else if scalar == nil {
                for u in "\u{FFFD}".utf8 { emit(u, i, i + len) }
                lastWasSpace = false
            }
            i += len
        }
        if !lengthChanged && out.count == input.count {
            return TextView(kind: .canonical, bytes: out, map: .identity(count: input.count), chain: ["canonical"])
        }
        return TextView(kind: .canonical, bytes: out, map: OffsetMap(starts: starts, ends: ends, originalCount: input.count), chain: ["canonical"])
    }
}
