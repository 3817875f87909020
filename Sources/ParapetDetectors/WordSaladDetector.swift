import ParapetRules
import ParapetText

/// Finds word salad of the kind optimizers append to a request (GCG suffixes whose brackets
/// balance and whose tokens are mostly real word pieces): within a sliding window of tokens it
/// counts tokens that no prose writer produces — punctuation-only tokens, punctuation inside a
/// word, piled-up edge marks, camelCase merges, foreign function words inside English text, a
/// capitalized "Sure"/"Here" mid-clause — and fires when enough of them, of enough different
/// kinds, cluster. Requiring several kinds keeps JSON (one kind: data punctuation, which is
/// excused when brackets balance) and brand names (one kind: camelCase) out. Raw view.
/// An optional weak tier (`weak_tokens`, `weak_score`) reports a smaller cluster with a lower
/// score from the same pass, so one rule covers both tiers.
struct WordSaladDetector: Detector {
    static let name = "word-salad"
    let window: Int
    let minTokens: Int
    let minKinds: Int
    let weakTokens: Int
    let weakScore: Int
    let maxTokens: Int
    let lexicon: SaladLexicon
    var foreign: WordSet { lexicon.foreign }
    var english: WordSet { lexicon.english }

    init(params: [String: RuleValue]) throws {
        let p = try DetectorParams(params, allowed: ["window", "min_tokens", "min_kinds", "weak_tokens", "weak_score",
                                                     "max_tokens", "foreign_words", "english_words"])
        window = try p.int("window", default: 12, in: 4...64)
        minTokens = try p.int("min_tokens", default: 4, in: 1...64)
        minKinds = try p.int("min_kinds", default: 2, in: 1...SaladKind.allCases.count)
        // 0 = no weak tier; otherwise it must sit below the full tier.
        weakTokens = try p.int("weak_tokens", default: 0, in: 0...64)
        weakScore = try p.int("weak_score", default: 3, in: 1...10)
        if weakTokens >= minTokens { throw DetectorParamError("'weak_tokens' must be below 'min_tokens'") }
        maxTokens = try p.int("max_tokens", default: 4_096, in: 16...100_000)
        let foreignWords = try p.words("foreign_words", default: Self.defaultForeign)
        let englishWords = try p.words("english_words", default: Self.defaultEnglish)
        // The built-in lists share one lexicon, so every tier reads the same token judgements.
        lexicon = foreignWords == Self.defaultForeign && englishWords == Self.defaultEnglish
            ? .standard : SaladLexicon(foreign: foreignWords, english: englishWords)
    }

    /// The token judgements come from the per-text memo (made once for every word-salad rule
    /// with the same word lists); the window slides over the salad tokens only.
    func detect(_ view: TextView, context: ScanContext) -> [DetectorHit] {
        let tokens = TextMemo.memo(for: view.bytes).salad(lexicon, maxTokens: maxTokens).tokens
        let lowest = weakTokens > 0 ? weakTokens : minTokens
        guard tokens.count >= lowest else { return [] }
        var weakHit: DetectorHit? = nil
        var lo = 0
        for j in tokens.indices {
            // The window is the tokens (t - window, t]; a non-salad token never makes it pass
            // where the salad token before it did not, since its window holds a subset.
            let t = tokens[j].index
            while tokens[lo].index <= t - window { lo += 1 }
            let inWindow = j - lo + 1
            guard inWindow >= lowest, inWindow >= minTokens || weakHit == nil else { continue }
            var seen: UInt8 = 0
            for k in lo...j { seen |= 1 << tokens[k].kind }
            guard seen.nonzeroBitCount >= minKinds else { continue }
            // Report the salad itself, from its first odd token, not the request before it.
            let range = tokens[lo].start..<tokens[j].end
            let note = "\(inWindow) salad tokens of \(seen.nonzeroBitCount) kinds in \(window)"
            if inWindow >= minTokens { return [DetectorHit(range: range, note: note)] }
            weakHit = DetectorHit(range: range, score: weakScore, note: note + " (weak tier)")
        }
        return weakHit.map { [$0] } ?? []
    }

    /// Sentence ends and quotes/colons before a token excuse its capital letter.
    @inline(__always) static func endsClause(_ c: UInt8) -> Bool {
        c == 0x2E || c == 0x21 || c == 0x3F || c == 0x3A || c == 0x22
    }

    /// The token without leading and trailing non-letters (for the language counts).
    static func letters(_ b: [UInt8], _ s: Int, _ e: Int) -> (Int, Int) {
        var a = s, z = e
        while a < z && !ByteClass.isLetter(b[a]) && b[a] < 0x80 { a += 1 }
        while z > a && !ByteClass.isLetter(b[z - 1]) && b[z - 1] < 0x80 { z -= 1 }
        return (a, z)
    }

    /// Function words of fr/de/es/it/pt/nl that are not also English words ("die", "met", "con" are left out).
    static let defaultForeign = [
        "avec", "dans", "une", "pour", "mais", "ensuite", "aussi", "moi", "nous", "vous", "sera", "chez",
        "selon", "und", "der", "das", "ist", "nicht", "auch", "oder", "bitte", "zum", "sowie", "dann",
        "eine", "sich", "etwa", "por", "para", "pero", "como", "muy", "esto", "estos", "cual", "donde",
        "usar", "tiene", "también", "het", "een", "deze", "voor", "niet", "ook", "uma", "não", "então",
        "aqui", "alguns", "della", "sono", "anche", "dei", "dici"
    ]

    /// Common English function words; a text with enough of them is treated as English.
    static let defaultEnglish = [
        "the", "a", "an", "to", "of", "and", "for", "in", "on", "with", "how", "is", "are", "that", "this",
        "you", "your", "it", "be", "as", "by", "from", "or", "what", "can"
    ]
}
