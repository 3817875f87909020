import ParapetRules
import ParapetText

/// Finds long verbatim or near-verbatim runs of the system prompt in output, using word shingles
/// (case and whitespace insensitive) so reformatting or small edits do not hide a leak.
public struct PromptLeakDetector: Detector {
    /// Words per shingle.
    public let shingle: Int
    /// Words of the prompt a run must cover to count as a leak.
    public let minWords: Int
    public let maxSpan: Int?

    public init(shingle: Int = 5, minWords: Int = 16, maxSpan: Int = 1024) {
        self.shingle = shingle
        self.minWords = minWords
        self.maxSpan = maxSpan
    }

    public func detect(_ view: TextView, context: ScanContext) -> [DetectorHit] {
        guard let prompt = context.systemPrompt else { return [] }
        let promptWords = Self.words(Array(prompt.utf8))
        guard promptWords.count >= shingle else { return [] }
        var known = Set<Int>()
        for i in 0...(promptWords.count - shingle) { known.insert(Self.hash(promptWords[i..<(i + shingle)].map(\.word))) }
        let out = Self.words(view.bytes)
        guard out.count >= shingle else { return [] }
        // Mark output words covered by a shingle that also occurs in the prompt.
        var covered = [Bool](repeating: false, count: out.count)
        for i in 0...(out.count - shingle) where known.contains(Self.hash(out[i..<(i + shingle)].map(\.word))) {
            for k in i..<(i + shingle) { covered[k] = true }
        }
        // Runs of covered words; gaps up to one shingle (an edited word or two) are bridged.
        var hits: [DetectorHit] = []
        var start = -1, last = -1, count = 0
        func close() {
            if start >= 0, count >= minWords {
                let lo = out[start].range.lowerBound
                // Report the first `maxSpan` bytes at most, so batch and streaming agree on the span.
                var hi = out[last].range.upperBound
                if let m = maxSpan, hi - lo > m { hi = lo + m }
                hits.append(DetectorHit(range: lo..<hi, note: "\(count) words of the system prompt"))
            }
            start = -1; count = 0
        }
        for (i, c) in covered.enumerated() where c {
            if start >= 0, i - last > shingle { close() }
            if start < 0 { start = i }
            last = i; count += 1
        }
        close()
        return hits
    }

    struct Word { let word: [UInt8]; let range: Range<Int> }

    /// Lower-cased ASCII letter/digit runs (other bytes, including non-ASCII, are kept inside words).
    static func words(_ b: [UInt8]) -> [Word] {
        var out: [Word] = []
        var cur: [UInt8] = [], s = -1
        for (i, c) in b.enumerated() {
            let isSep = c < 0x80 && !((c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A))
            if isSep {
                if s >= 0 { out.append(Word(word: cur, range: s..<i)); cur = []; s = -1 }
            } else {
                if s < 0 { s = i }
                cur.append(c >= 0x41 && c <= 0x5A ? c | 0x20 : c)
            }
        }
        if s >= 0 { out.append(Word(word: cur, range: s..<b.count)) }
        return out
    }

    static func hash(_ words: [[UInt8]]) -> Int {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for w in words {
            for b in w { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
            h = (h ^ 0x20) &* 0x100_0000_01b3
        }
        return Int(truncatingIfNeeded: h)
    }
}
