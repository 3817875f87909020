/// Removes invisible, bidi-control and tag characters (see `Invisibles`); other bytes,
/// including invalid UTF-8, are kept exactly.
public enum InvisibleStripper {
    public static func strip(_ input: [UInt8]) -> SanitizeResult {
        if ASCIIScan.isASCII(input) { return SanitizeResult(bytes: input, changed: []) }
        var out = [UInt8]()
        out.reserveCapacity(input.count)
        var changed = [Range<Int>]()
        var i = 0
        while i < input.count {
            let (scalar, len) = UTF8Decoding.decode(input, at: i)
            if let scalar, Invisibles.isInvisible(scalar) {
                if let last = changed.last, last.upperBound == i {
                    changed[changed.count - 1] = last.lowerBound..<(i + len)
                } else {
                    changed.append(i..<(i + len))
                }
            } else {
                out.append(contentsOf: input[i..<(i + len)])
            }
            i += len
        }
        return SanitizeResult(bytes: out, changed: changed)
    }
}
