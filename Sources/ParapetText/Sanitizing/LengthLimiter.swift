/// Cost control: cuts text to a byte limit and/or an approximate token limit, always on a
/// UTF-8 scalar boundary. Token estimate: ASCII bytes / 4 (rounded up) plus one token per
/// non-ASCII scalar (invalid bytes count as one token each).
public enum LengthLimiter {
    public struct Output: Sendable, Equatable {
        public var bytes: [UInt8]
        public var truncated: Bool
        /// Estimated tokens of the input before truncation.
        public var estimatedTokens: Int
        /// Original length in bytes.
        public var originalBytes: Int
    }

    public static func estimateTokens(_ b: [UInt8]) -> Int {
        var ascii = 0, other = 0, i = 0
        while i < b.count {
            if b[i] < 0x80 { ascii += 1; i += 1; continue }
            let (_, len) = UTF8Decoding.decode(b, at: i)
            other += 1
            i += len
        }
        return (ascii + 3) / 4 + other
    }

    public static func limit(_ input: [UInt8], maxBytes: Int? = nil, maxTokens: Int? = nil) -> Output {
        let total = estimateTokens(input)
        var cut = input.count
        var ascii = 0, other = 0, i = 0
        while i < input.count {
            let len = input[i] < 0x80 ? 1 : UTF8Decoding.decode(input, at: i).1
            if input[i] < 0x80 { ascii += 1 } else { other += 1 }
            let tokens = (ascii + 3) / 4 + other
            if let maxBytes, i + len > maxBytes { cut = i; break }
            if let maxTokens, tokens > maxTokens { cut = i; break }
            i += len
        }
        let truncated = cut < input.count
        return Output(bytes: truncated ? Array(input[..<cut]) : input, truncated: truncated, estimatedTokens: total, originalBytes: input.count)
    }
}
