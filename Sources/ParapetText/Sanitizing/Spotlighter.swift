/// Spotlighting for untrusted context: wraps data in delimiters carrying a random
/// per-request boundary token (so the data cannot forge the closing delimiter), and can
/// datamark it by replacing spaces and tabs with a marker character.
public enum Spotlighter {
    /// The wrapped text and the boundary token the application should name in its prompt.
    public struct Output: Sendable, Equatable {
        public var bytes: [UInt8]
        public var boundary: String
    }

    /// Default datamark: U+02C6 MODIFIER LETTER CIRCUMFLEX, rare in real text.
    public static let defaultMarker: Unicode.Scalar = "\u{02C6}"

    /// Wraps `input` as `<<untrusted:TOKEN>>\n...\n<</untrusted:TOKEN>>`. The token is 16 hex
    /// digits from `random`, re-drawn if it happens to occur in the input.
    public static func wrap<R: RandomNumberGenerator>(
        _ input: [UInt8], using random: inout R, datamark marker: Unicode.Scalar? = nil
    ) -> Output {
        var token = ""
        repeat {
            let v = random.next()
            token = String(v, radix: 16)
            token = String(repeating: "0", count: 16 - token.count) + token
        } while contains(input, Array(token.utf8))
        var body = input
        if let marker {
            let mark = Array(String(marker).utf8)
            body = []
            body.reserveCapacity(input.count)
            for b in input { if b == 0x20 || b == 0x09 { body.append(contentsOf: mark) } else { body.append(b) } }
        }
        var out = Array("<<untrusted:\(token)>>\n".utf8)
        out += body
        out += Array("\n<</untrusted:\(token)>>".utf8)
        return Output(bytes: out, boundary: token)
    }

    private static func contains(_ hay: [UInt8], _ needle: [UInt8]) -> Bool {
        guard needle.count <= hay.count else { return false }
        for i in 0...(hay.count - needle.count) where hay[i] == needle[0] {
            if hay[i..<(i + needle.count)].elementsEqual(needle) { return true }
        }
        return false
    }
}
