/// A text's first `maxTokens` whitespace tokens with the token-soup judgement of each, made once
/// per text and read by every token-soup rule (each with its own window and thresholds).
final class SoupTokens {
    let maxTokens: Int
    var valid = false
    private(set) var starts: [Int] = []
    private(set) var ends: [Int] = []
    private(set) var odd: [Bool] = []
    /// Unbalanced brackets up to the end of the last token read.
    private(set) var mismatches = 0

    init(maxTokens: Int) { self.maxTokens = maxTokens }

    func fill(_ memo: TextMemo) {
        // The arrays are filled as locals (their buffers kept) and stored back once: every
        // access to a class's stored property is an exclusivity check at run time, and the
        // loop would make four per token.
        var starts: [Int] = [], ends: [Int] = [], odd: [Bool] = []
        swap(&starts, &self.starts)
        swap(&ends, &self.ends)
        swap(&odd, &self.odd)
        starts.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        odd.removeAll(keepingCapacity: true)
        valid = true
        let b = memo.bytes
        let n = b.count
        let maxTokens = maxTokens
        var i = 0
        b.withUnsafeBufferPointer { p in
            while i < n && starts.count < maxTokens {
                while i < n && ByteClass.isSpace(p[i]) { i += 1 }
                if i >= n { break }
                let s = i
                while i < n && !ByteClass.isSpace(p[i]) { i += 1 }
                starts.append(s); ends.append(i)
                odd.append(TokenSoupDetector.isOdd(p, s, i))
            }
        }
        let last = ends.last
        self.starts = starts
        self.ends = ends
        self.odd = odd
        // Past the last token there is only whitespace unless the token cap cut the text short.
        guard let last else { mismatches = 0; return }
        mismatches = i >= n ? memo.bracketMismatches() : TokenSoupDetector.bracketMismatches(b, 0..<min(n, last))
    }
}
