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
        starts.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        odd.removeAll(keepingCapacity: true)
        valid = true
        let b = memo.bytes
        let n = b.count
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
        // Past the last token there is only whitespace unless the token cap cut the text short.
        guard let last = ends.last else { mismatches = 0; return }
        mismatches = i >= n ? memo.bracketMismatches() : TokenSoupDetector.bracketMismatches(b, 0..<min(n, last))
    }
}
