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
    /// The text is read eight bytes at a time, and only the bytes outside a-z are looked at: a
    /// space among them ends a token, any other counts as one of its odd bytes (a prose word
    /// has at most two). Once a token has three it is no prose word, and only spaces are looked
    /// at until it ends. The clause start before a token is looked up (backwards over the gap)
    /// only when a judge needs it. `fillReference` in the tests is the byte loop this equals.
    func fill(_ memo: TextMemo) {
        var out: [SaladToken] = []
        swap(&out, &tokens)
        out.removeAll(keepingCapacity: true)
        valid = true
        let b = memo.bytes
        let n = b.count
        let maxTokens = maxTokens
        var ctx = LazySaladContext(memo: memo, maxTokens: maxTokens, lexicon: lexicon)
        b.withUnsafeBufferPointer { p in
            lexicon.foreign.withSketch { sketch, longest in
                guard let base = p.baseAddress, n > 0 else { return }
                let judge = SaladJudge(p: p, b: b, lexicon: lexicon, sketch: sketch, longest: longest)
                var t = 0
                var s = 0       // where the current token starts (a space there: no token yet)
                var odd = 0     // its bytes outside a-z, counted up to three
                var pos = 0
                var skipping = false
                var from = UInt64.max   // after a switch of mode, the window's bits still to read
                window: while pos &+ 8 <= n {
                    let x = SaladScan.load(base + pos)
                    var m = (skipping ? SaladScan.spaces(x) : SaladScan.nonLower(x)) & from
                    from = UInt64.max
                    while m != 0 {
                        let bit = m.trailingZeroBitCount
                        m &= m &- 1
                        let k = pos &+ bit >> 3
                        if ByteClass.isSpace(base[k]) {
                            if k > s {
                                judge.token(s, k, odd: odd, index: t, context: &ctx, into: &out)
                                t &+= 1
                                if t == maxTokens { return }
                            }
                            s = k &+ 1
                            odd = 0
                            if skipping {
                                // Read the rest of this window again, for bytes outside a-z.
                                skipping = false
                                from = ~(UInt64.max >> (63 &- bit))
                                continue window
                            }
                        } else {
                            odd &+= 1
                            if odd > 2 {
                                // Read the rest of this window again, for spaces only.
                                skipping = true
                                from = ~(UInt64.max >> (63 &- bit))
                                continue window
                            }
                        }
                    }
                    pos &+= 8
                }
                // The last bytes (fewer than eight), one at a time.
                for k in pos..<n {
                    let c = base[k]
                    if ByteClass.isSpace(c) {
                        if k > s {
                            judge.token(s, k, odd: odd, index: t, context: &ctx, into: &out)
                            t &+= 1
                            if t == maxTokens { return }
                        }
                        s = k &+ 1
                        odd = 0
                    } else if c &- 0x61 >= 26 {
                        odd = min(odd &+ 1, 3)
                    }
                }
                if s < n { judge.token(s, n, odd: odd, index: t, context: &ctx, into: &out) }
            }
        }
        tokens = out
    }
}

/// The judgement of one token found by `SaladTokens.fill`.
private struct SaladJudge {
    let p: UnsafeBufferPointer<UInt8>
    let b: [UInt8]
    let lexicon: SaladLexicon
    let sketch: UnsafeBufferPointer<UInt32>
    let longest: Int

    /// Appends the token `p[s..<e]` (`odd` bytes outside a-z, capped at 3) when it is salad.
    @inline(__always)
    func token(_ s: Int, _ e: Int, odd: Int, index t: Int, context ctx: inout LazySaladContext, into out: inout [SaladToken]) {
        let kind: SaladKind?
        if let core = SaladScan.plainCore(p, s, e, odd: odd) {
            // A plain word can only be a foreign function word or a stray "Sure" / "Here".
            let len = core &- s
            // The sketch answers "surely not" for most words before `containsWord` is called.
            if len <= longest && sketch[len &<< 5 | Int(p[s] & 31)] >> UInt32(p[core &- 1] & 31) & 1 != 0
                && lexicon.foreign.containsWord(p, s, core) && ctx.english() {
                kind = .foreignWord
            } else if len == 4 && SaladScan.isComplianceWord(p, s) && !SaladScan.clauseStart(p, s) {
                kind = .compliance
            } else { return }
        } else {
            kind = WordSaladToken.classify(b, s, e, prevEndsClause: SaladScan.clauseStart(p, s), context: &ctx, foreign: lexicon.foreign)
        }
        if let kind { out.append(SaladToken(index: t, start: s, end: e, kind: UInt8(kind.rawValue))) }
    }
}

/// The byte tests of the salad tokenizer, on a buffer (no bounds checks per byte).
enum SaladScan {
    static let ones: UInt64 = 0x0101_0101_0101_0101
    static let high: UInt64 = 0x8080_8080_8080_8080

    /// 0x80 in each byte of `x` that is zero, exactly for any byte value (no carry leaves a byte).
    @inline(__always) static func zeroBytes(_ x: UInt64) -> UInt64 {
        ~(((x & ~high) &+ ones &* 0x7F) | x) & high
    }

    /// Eight bytes from `q`, the first in the low byte.
    @inline(__always) static func load(_ q: UnsafePointer<UInt8>) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(q).loadUnaligned(as: UInt64.self))
    }

    /// The high bit of each byte of `x` outside a-z. A byte is in a-z when its low seven bits
    /// are in 0x61...0x7A and its high bit is clear; the sums stay inside each byte, since the
    /// low seven bits are at most 0x7F.
    @inline(__always) static func nonLower(_ x: UInt64) -> UInt64 {
        let low = x & ~high
        let lower = (low &+ ones &* (0x80 - 0x61)) & ~(low &+ ones &* (0x80 - 0x7B)) & ~x & high
        return lower ^ high
    }

    /// The high bit of each byte of `x` that `ByteClass.isSpace` accepts: 0x20 or 0x09...0x0D.
    @inline(__always) static func spaces(_ x: UInt64) -> UInt64 {
        let low = x & ~high
        let y = low ^ (ones &* 0x20)
        let blank = ~((y &+ ~high) | y)
        let control = (low &+ ones &* (0x80 - 0x09)) & ~(low &+ ones &* (0x80 - 0x0E))
        return (blank | control) & ~x & high
    }

    /// For a prose-shaped token — an optional capital, lower-case letters, at most one closing
    /// mark — the end of its letters; nil for anything else. `odd` counts its bytes outside a-z
    /// (capped at 3: all counts above 2 give nil). Such a token has no edge pile, inner mark or
    /// camel hump, which leaves only word checks.
    @inline(__always) static func plainCore(_ p: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int, odd: Int) -> Int? {
        if odd == 0 { return e }
        if odd > 2 { return nil }
        let capital = p[s] &- 0x41 < 26
        let mark = e &- s >= 2 && WordSaladToken.isTrail(p[e &- 1])
        return odd == (capital ? 1 : 0) &+ (mark ? 1 : 0) ? (mark ? e &- 1 : e) : nil
    }

    /// Whether the token starting at `s` opens a clause: it is the first token, a newline lies
    /// in the spaces before it, or the token before it ends a sentence (`endsClause`).
    static func clauseStart(_ p: UnsafeBufferPointer<UInt8>, _ s: Int) -> Bool {
        var k = s - 1
        while k >= 0 && ByteClass.isSpace(p[k]) {
            if p[k] == 0x0A { return true }
            k -= 1
        }
        return k < 0 || WordSaladDetector.endsClause(p[k])
    }

    /// `WordSaladToken.isComplianceWord` on a buffer, as one four-byte compare per word.
    @inline(__always) static func isComplianceWord(_ p: UnsafeBufferPointer<UInt8>, _ s: Int) -> Bool {
        // SAFETY: callers pass a token of four bytes at s, so s + 4 <= count.
        let w = UInt32(littleEndian: UnsafeRawPointer(p.baseAddress! + s).loadUnaligned(as: UInt32.self))
        // "Sure", "Here", "Hier" read little-endian.
        return w == 0x6572_7553 || w == 0x6572_6548 || w == 0x7265_6948
    }
}
