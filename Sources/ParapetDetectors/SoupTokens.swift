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
            Self.classes.withUnsafeBufferPointer { cls in
                guard let text = p.baseAddress else { return }
                while i < n && starts.count < maxTokens {
                    while i < n && cls[Int(text[i])] & Self.space != 0 { i &+= 1 }
                    if i >= n { break }
                    let s = i
                    let (e, odd1) = Self.token(text, from: s, end: n, cls.baseAddress!)
                    i = e
                    starts.append(s); ends.append(e)
                    odd.append(odd1)
                }
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

    /// Byte classes of the token pass: whitespace, lower- and upper-case ASCII letter, and the
    /// code punctuation `TokenSoupDetector.isOdd` counts.
    static let space: UInt8 = 1, lower: UInt8 = 2, upper: UInt8 = 4, symbol: UInt8 = 8
    static let classes: [UInt8] = (0..<256).map { v -> UInt8 in
        let c = UInt8(v)
        if ByteClass.isSpace(c) { return space }
        if c >= 0x61 && c <= 0x7A { return lower }
        if c >= 0x41 && c <= 0x5A { return upper }
        return Array("{}[]()<>\\`|$@^~\"=%*#;".utf8).contains(c) ? symbol : 0
    }

    /// The token from `s` (not whitespace) to the next whitespace or `n`: its end, and whether
    /// it is odd by `TokenSoupDetector.isOdd` (which the tests hold it to). One read of each
    /// byte, counting as it goes; eight lower-case letters at a time, the bulk of prose words.
    @inline(__always)
    static func token(_ text: UnsafePointer<UInt8>, from s: Int, end n: Int, _ cls: UnsafePointer<UInt8>) -> (Int, Bool) {
        var i = s
        var letters = 0, syms = 0, flips = 0
        var prevLower = false
        while i < n {
            if i &+ 8 <= n, SaladScan.nonLower(SaladScan.load(text + i)) == 0 {
                letters &+= 8
                prevLower = true
                i &+= 8
                continue
            }
            let c = cls[Int(text[i])]
            if c & space != 0 { break }
            let up = Int(c >> 2 & 1)
            letters &+= Int(c >> 1 & 1) | up
            syms &+= Int(c >> 3 & 1)
            flips &+= up & (prevLower ? 1 : 0)
            prevLower = c & lower != 0
            i &+= 1
        }
        let odd = (syms >= 2 && (letters >= 1 || i &- s >= 3)) || (syms >= 1 && letters >= 3) || (flips >= 1 && letters >= 6)
        return (i, odd)
    }
}
