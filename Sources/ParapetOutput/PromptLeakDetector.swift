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
        guard let prompt = context.systemPrompt else { return Self.promptShaped(view.bytes) }
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

    /// Without a system prompt to compare with: a sentence opening like a system prompt ("You are X, …")
    /// followed by three or more standing orders ("Never …", "Always …", "Do not …", "You must …") within
    /// 1,000 bytes. A weak signal (score 2): users also ask for system prompts. Position-independent,
    /// so a streaming window finds the same hits as a batch scan.
    static func promptShaped(_ b: [UInt8]) -> [DetectorHit] {
        // Most output never says "you are ": no lower-cased copy for it.
        guard containsYouAre(b) else { return [] }
        let lower = b.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        var hits: [DetectorHit] = []
        var from = 0
        while let start = find(lower, "you are ", from: from) {
            from = start + 1
            guard opensSentence(lower, start) else { continue }
            let limit = min(lower.count, start + 1000)
            var orders = 0, end = start
            for marker in ["never ", "always ", "do not ", "don't ", "you must ", "you will ", "under no circumstances "] {
                var f = start + 8
                while let at = find(lower, marker, from: f), at < limit - marker.utf8.count + 1 {
                    if opensSentence(lower, at) { orders += 1; end = max(end, at + marker.utf8.count) }
                    f = at + 1
                }
            }
            if orders >= 3 {
                hits.append(DetectorHit(range: start..<end, score: 2, note: "output is shaped like a system prompt (\(orders) standing orders)"))
                from = end
            }
        }
        return hits
    }

    /// Whether `b` holds "you are " in any ASCII case. Every output is asked this when the scan
    /// has no system prompt, so eight starts are tested at once: four overlapping loads, one per
    /// byte of "you ", each compared lane by lane; only starts reading "you " check "are ".
    static func containsYouAre(_ b: [UInt8]) -> Bool {
        let n = b.count
        guard n >= 8 else { return false }
        return b.withUnsafeBytes { raw in
            func load(_ at: Int) -> UInt64 { UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: UInt64.self)) }
            // 0x80 in each byte of `v` that is zero (exact: no borrow crosses a byte).
            func zeros(_ v: UInt64) -> UInt64 { ~(((v & ~high) &+ ones &* 0x7F) | v) & high }
            // The rest of the needle, "are ", at `k` + 4 (letters in any case, the space exact).
            func are(_ k: Int) -> Bool {
                raw[k + 4] | 0x20 == 0x61 && raw[k + 5] | 0x20 == 0x72 && raw[k + 6] | 0x20 == 0x65 && raw[k + 7] == 0x20
            }
            let fold = ones &* 0x20
            var i = 0
            // Starts i..<i + 8 whose "are " still fits: the loads reach i + 10, the needle i + 14.
            while i &+ 15 <= n {
                var m = zeros((load(i) | fold) ^ ones &* 0x79) & zeros((load(i &+ 1) | fold) ^ ones &* 0x6F)
                    & zeros((load(i &+ 2) | fold) ^ ones &* 0x75) & zeros(load(i &+ 3) ^ fold)
                while m != 0 {
                    if are(i &+ m.trailingZeroBitCount >> 3) { return true }
                    m &= m &- 1
                }
                i &+= 8
            }
            // The last starts, one at a time.
            while i &+ 8 <= n {
                if raw[i] | 0x20 == 0x79, raw[i + 1] | 0x20 == 0x6F, raw[i + 2] | 0x20 == 0x75, raw[i + 3] == 0x20, are(i) { return true }
                i &+= 1
            }
            return false
        }
    }

    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let high: UInt64 = 0x8080_8080_8080_8080

    /// At the start of the text, a line or list item, or after a sentence end.
    static func opensSentence(_ b: [UInt8], _ at: Int) -> Bool {
        var k = at - 1
        while k >= 0, b[k] == 0x20 || b[k] == 0x09 { k -= 1 }
        return k < 0 || [0x0A, 0x2E, 0x2D, 0x2A, 0x3A, 0x21, 0x3F, 0x22].contains(b[k])
    }

    static func find(_ hay: [UInt8], _ needle: String, from: Int) -> Int? {
        let n = Array(needle.utf8)
        var i = from
        while i + n.count <= hay.count {
            if hay[i] == n[0] && hay[i..<(i + n.count)].elementsEqual(n) { return i }
            i += 1
        }
        return nil
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
