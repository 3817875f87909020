import ParapetRules
import ParapetText

/// Counts sentences that open with a task verb ("Explain …", "Write …", "Recommend …") or a
/// request to the assistant ("can you …"). In retrieved data such sentences are addressed to the
/// model reading it, not to a human reader. Scores `score_per_sentence` each, capped at `max_score`.
struct ImperativeDensityDetector: Detector {
    static let name = "imperative-density"
    let verbs: StemTable
    let minSentences: Int
    let perSentence: Int
    let maxScore: Int
    let maxBytes: Int

    init(params: [String: RuleValue]) throws {
        let p = try DetectorParams(params, allowed: ["verbs", "min_sentences", "score_per_sentence", "max_score", "max_bytes"])
        verbs = StemTable(try p.words("verbs"))
        minSentences = try p.int("min_sentences", default: 1, in: 1...20)
        perSentence = try p.int("score_per_sentence", default: 3, in: 1...10)
        maxScore = try p.int("max_score", default: 5, in: 1...20)
        maxBytes = try p.int("max_bytes", default: 65_536, in: 256...1_048_576)
    }

    /// Every counted sentence opens with a verb stem, so a view without one cannot score.
    var triggerLiterals: [String]? { verbs.stems }

    func detect(_ view: TextView, context: ScanContext) -> [DetectorHit] {
        let b = view.bytes
        let n = min(b.count, maxBytes)
        var count = 0
        var first: Range<Int>? = nil
        var atStart = true
        var i = 0
        Self.endMark.withUnsafeBufferPointer { endMark in
            b.withUnsafeBufferPointer { p in
                while i < n {
                    if !atStart {
                        // Inside a sentence only its end matters: skip to the next end mark.
                        while i < n, !endMark[Int(p[i])] { i += 1 }
                        guard i < n else { break }
                        let c = p[i]
                        if i + 1 >= n || ByteClass.isSpace(p[i + 1]) || c == 0x0A || c == 0x7C { atStart = true }
                        i += 1
                        continue
                    }
                    let c = p[i]
                    // Skip what may precede a sentence: spaces, bullets, quotes, list numbers.
                    if ByteClass.isSpace(c) || c == 0x2D || c == 0x2A || c == 0x22 || c == 0x27 || c == 0x3E || c == 0x23 { i += 1; continue }
                    atStart = false
                    // A verb may run past the `maxBytes` cut; it then ends at the next byte or the text's end.
                    if let len = verbs.match(b, at: i), i + len == n || i + len == b.count || !ByteClass.isLetter(b[i + len]) || verbsAreStems,
                       !Self.isFieldLabel(b, from: i + len, to: n) {
                        count += 1
                        if first == nil { first = i..<(i + len) }
                        i += len
                        continue
                    }
                    // Not a verb: this first byte may still end the sentence (a lone "?" or "|").
                    if endMark[Int(c)], i + 1 >= n || ByteClass.isSpace(p[i + 1]) || c == 0x0A || c == 0x7C { atStart = true }
                    i += 1
                }
            }
        }
        guard count >= minSentences, let span = first else { return [] }
        let score = min(maxScore, perSentence * count)
        return [DetectorHit(range: span, score: score, note: "\(count) sentence(s) open with a task verb")]
    }

    /// Bytes that may end a sentence: `.` `!` `?` and `:` when a space follows (canonical text
    /// keeps punctuation), a line break or `|` always.
    static let endMark: [Bool] = (0..<256).map { [0x2E, 0x21, 0x3F, 0x0A, 0x7C, 0x3A].contains($0) }

    /// Words that point the task at a payload that follows ("translate the following sentence:").
    static let payloadPointers: [[UInt8]] = ["following", "this", "these", "below", "subsequent", "above"].map { Array($0.utf8) }

    /// True when the clause from `start` ends in a colon that introduces the document's own data
    /// ("Summarise the meeting notes: budget approved, …", "Describe the problem: printer jams"):
    /// a heading or form label, not a task for the model. An injected task with a colon points at
    /// its payload ("the following", "this review:") or quotes it right after the colon.
    static func isFieldLabel(_ b: [UInt8], from start: Int, to n: Int) -> Bool {
        var j = start
        let limit = min(n, start + 160)
        while j < limit {
            let c = b[j]
            if c == 0x2E || c == 0x21 || c == 0x3F || c == 0x0A || c == 0x7C { return false }
            if c == 0x3A { break }
            j += 1
        }
        guard j < limit else { return false }
        var k = j + 1
        while k < n && b[k] == 0x20 { k += 1 }
        guard k < n else { return false }
        let next = b[k]
        if next == 0x22 || next == 0x27 || next == 0x60 || next == 0x0A || next >= 0x80 { return false }
        return !payloadPointers.contains { containsWord(b, $0, in: start..<j) }
    }

    /// Whole-word search inside a short clause (the clause is at most 160 bytes).
    static func containsWord(_ b: [UInt8], _ w: [UInt8], in r: Range<Int>) -> Bool {
        guard r.count >= w.count else { return false }
        var s = r.lowerBound
        while s + w.count <= r.upperBound {
            if (s == r.lowerBound || !ByteClass.isLetter(b[s - 1])) && b[s] == w[0],
               (s + w.count == r.upperBound || !ByteClass.isLetter(b[s + w.count])),
               b[s..<(s + w.count)].elementsEqual(w) { return true }
            s += 1
        }
        return false
    }

    /// Verb entries are whole words ("write", "can you"): the next byte must not be a letter.
    private var verbsAreStems: Bool { false }
}
