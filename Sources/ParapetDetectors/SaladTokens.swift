/// The word lists a word-salad detector judges with. Rules that keep the defaults share one
/// instance, so their token judgements are made once per text (see `TextMemo`).
final class SaladLexicon: Sendable {
    let foreign: WordSet
    let english: WordSet

    init(foreign: [String], english: [String]) {
        self.foreign = WordSet(foreign)
        self.english = WordSet(english)
    }

    static let standard = SaladLexicon(foreign: WordSaladDetector.defaultForeign, english: WordSaladDetector.defaultEnglish)
}

/// One salad token: its index among the text's tokens, its byte range and its kind.
struct SaladToken {
    var index: Int
    var start: Int
    var end: Int
    var kind: UInt8
}

/// The salad tokens among a text's first `maxTokens` whitespace tokens, in order. Only the salad
/// ones are kept: a window check can only newly pass on a salad token, so the detector's
/// sliding window runs over this short list instead of over every token.
final class SaladTokens {
    let lexicon: SaladLexicon
    let maxTokens: Int
    var valid = false
    private(set) var tokens: [SaladToken] = []

    init(lexicon: SaladLexicon, maxTokens: Int) {
        self.lexicon = lexicon
        self.maxTokens = maxTokens
    }

    /// Judges each token as it is read; the text-wide facts are worked out only if a token asks.
    func fill(_ memo: TextMemo) {
        tokens.removeAll(keepingCapacity: true)
        valid = true
        let b = memo.bytes
        let n = b.count
        let foreign = lexicon.foreign
        var ctx = LazySaladContext(memo: memo, maxTokens: maxTokens, englishWords: lexicon.english, foreignWords: foreign)
        // The byte loop reads through a buffer pointer (no per-byte bounds checks); token judges take `b`.
        b.withUnsafeBufferPointer { p in
            var t = 0
            var i = 0
            var newline = true
            var prevLast: UInt8 = 0x2E
            while i < n && t < maxTokens {
                while i < n && ByteClass.isSpace(p[i]) { if p[i] == 0x0A { newline = true }; i += 1 }
                if i >= n { break }
                let s = i
                var odd = 0
                while i < n && !ByteClass.isSpace(p[i]) {
                    let c = p[i]
                    if c < 0x61 || c > 0x7A { odd += 1 }
                    i += 1
                }
                let prevEnds = newline || WordSaladDetector.endsClause(prevLast)
                newline = false
                prevLast = p[i - 1]
                let kind: SaladKind?
                if let core = WordSaladDetector.plainCore(b, s, i, odd: odd) {
                    // A plain word can only be a foreign function word or a stray "Sure" / "Here".
                    if foreign.containsWord(p, s, core) && ctx.english() { kind = .foreignWord }
                    else if !prevEnds && core - s == 4 && WordSaladToken.isComplianceWord(b, s) { kind = .compliance }
                    else { kind = nil }
                } else {
                    kind = WordSaladToken.classify(b, s, i, prevEndsClause: prevEnds, context: &ctx, foreign: foreign)
                }
                if let kind { tokens.append(SaladToken(index: t, start: s, end: i, kind: UInt8(kind.rawValue))) }
                t += 1
            }
        }
    }
}
