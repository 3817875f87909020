/// The text-wide facts the word-salad judge may need, each worked out on first use: most
/// prompts never ask (no foreign word, no data punctuation), so most scans skip both passes.
struct LazySaladContext: SaladContextSource {
    /// The text and its shared bracket count (token-soup asks for the same).
    let memo: TextMemo
    let maxTokens: Int
    /// The word lists, held by their shared instance: copies of the two sets cost a retain and
    /// a release of each of their arrays on every scan.
    let lexicon: SaladLexicon
    private var unbalancedMemo: Bool? = nil
    private var englishMemo: Bool? = nil

    init(memo: TextMemo, maxTokens: Int, lexicon: SaladLexicon) {
        self.memo = memo
        self.maxTokens = maxTokens
        self.lexicon = lexicon
    }

    /// Whether the whole text's brackets fail to nest.
    mutating func unbalanced() -> Bool {
        if let u = unbalancedMemo { return u }
        let u = memo.bracketMismatches() > 0
        unbalancedMemo = u
        return u
    }

    /// Whether the text is mostly English: at least 3 English function words and three times as
    /// many as foreign ones, counted over the same first `maxTokens` tokens the detector reads.
    mutating func english() -> Bool {
        if let e = englishMemo { return e }
        let b = memo.bytes
        var en = 0, fo = 0, tokens = 0, i = 0
        while i < b.count && tokens < maxTokens {
            while i < b.count && ByteClass.isSpace(b[i]) { i += 1 }
            if i >= b.count { break }
            let s = i
            while i < b.count && !ByteClass.isSpace(b[i]) { i += 1 }
            tokens += 1
            let (ws, we) = WordSaladDetector.letters(b, s, i)
            if lexicon.english.containsWord(b, ws, we) { en += 1 } else if lexicon.foreign.containsWord(b, ws, we) { fo += 1 }
        }
        let e = en >= 3 && en >= 3 * fo
        englishMemo = e
        return e
    }
}
