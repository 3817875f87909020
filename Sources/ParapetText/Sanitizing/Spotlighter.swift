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
        var token: [UInt8]
        repeat {
            token = hexDigits(random.next())
        } while contains(input, token)
        var body = input
        if let marker {
            let mark = Array(String(marker).utf8)
            body = []
            body.reserveCapacity(input.count)
            for b in input { if b == 0x20 || b == 0x09 { body.append(contentsOf: mark) } else { body.append(b) } }
        }
        var out = Array("<<untrusted:".utf8) + token + Array(">>\n".utf8)
        out += body
        out += Array("\n<</untrusted:".utf8) + token + Array(">>".utf8)
        return Output(bytes: out, boundary: String(decoding: token, as: UTF8.self))
    }

    /// 16 lower-case hex digits of `v`, most significant first.
    private static func hexDigits(_ v: UInt64) -> [UInt8] {
        let digits = Array("0123456789abcdef".utf8)
        return (0..<16).map { i in digits[Int((v >> UInt64(60 - 4 * i)) & 0xF)] }
    }

    private static func contains(_ hay: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, needle.count <= hay.count else { return false }
        var i = 0
        while i + needle.count <= hay.count {
            var j = 0
            while j < needle.count && hay[i + j] == needle[j] { j += 1 }
            if j == needle.count { return true }
            i += 1
        }
        return false
    }
}
