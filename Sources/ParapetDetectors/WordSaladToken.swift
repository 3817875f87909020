/// Word-level signs that a whitespace token belongs to optimizer-made word salad (GCG-style
/// suffixes): punctuation where prose has none, camelCase merges, foreign function words in an
/// English request, a capitalized "Sure" / "Here" mid-clause. Each kind counts once per token.
enum SaladKind: Int, CaseIterable, Sendable {
    case punctOnly, innerPunct, edgePileup, camelMerge, foreignWord, compliance
}

/// What the whole text tells the token judge: whether brackets balance (code and JSON nest,
/// salad does not) and whether the text is mostly English (only then is "avec" foreign).
/// Asked only when a token needs the answer, so a source may work it out on first use.
protocol SaladContextSource {
    mutating func unbalanced() -> Bool
    mutating func english() -> Bool
}

/// A context whose answers are already known.
struct SaladContext: SaladContextSource {
    var isUnbalanced: Bool
    var isEnglish: Bool
    func unbalanced() -> Bool { isUnbalanced }
    func english() -> Bool { isEnglish }
}

enum WordSaladToken {
    /// Opening characters a prose token may carry: quotes, brackets, emphasis.
    @inline(__always) static func isLead(_ c: UInt8) -> Bool {
        c == 0x22 || c == 0x27 || c == 0x28 || c == 0x60 || c == 0x5B || c == 0x2A || c == 0x3C || c == 0x7B
    }
    /// Closing characters a prose token may carry: quotes, brackets, sentence punctuation.
    @inline(__always) static func isTrail(_ c: UInt8) -> Bool {
        switch c {
        case 0x22, 0x27, 0x29, 0x5D, 0x7D, 0x60, 0x2A, 0x3E, 0x2E, 0x2C, 0x3B, 0x3A, 0x21, 0x3F: return true
        default: return false
        }
    }
    /// Punctuation allowed inside a prose word: apostrophes, hyphens, dots, slashes, & @ + %.
    @inline(__always) static func isProseInner(_ c: UInt8) -> Bool {
        c == 0x27 || c == 0x2D || c == 0x2E || c == 0x2F || c == 0x26 || c == 0x40 || c == 0x2B || c == 0x25 || c == 0x5F
    }
    /// Inside balanced code or data, brackets, quotes, colons, commas, '=' and '$' (template
    /// placeholders such as `${name}`) are ordinary.
    @inline(__always) static func isDataInner(_ c: UInt8) -> Bool {
        switch c {
        case 0x7B, 0x7D, 0x5B, 0x5D, 0x28, 0x29, 0x3C, 0x3E, 0x22, 0x27, 0x3A, 0x2C, 0x3D, 0x24: return true
        default: return false
        }
    }
    /// Punctuation-only tokens common in prose, lists, markdown and code comments ("-", "&", "...", "->", "```", "//").
    static let ordinaryPunct = WordSet(["-", "--", "&", "/", "+", "|", ":", "*", "...", "=", "#", "##", "###",
                                        ">", "->", "=>", "\"", "'", "(", ")", "```", "``", "//", "/*", "*/"])

    /// True when `b[s..<e]` is one of `ordinaryPunct`, compared in place (punctuation has no case).
    @inline(__always) static func isOrdinaryPunct(_ b: [UInt8], _ s: Int, _ e: Int) -> Bool {
        ordinaryPunct.containsWord(b, s, e)
    }

    /// Trims UTF-8 curly quotes (U+2018/2019/201C/201D) at either edge, so they count as quotes.
    @inline(__always) static func curlyQuote(_ b: [UInt8], _ i: Int) -> Bool {
        b[i] == 0xE2 && b[i + 1] == 0x80 && (b[i + 2] == 0x98 || b[i + 2] == 0x99 || b[i + 2] == 0x9C || b[i + 2] == 0x9D)
    }

    /// `#1e1e2e`, `#fff;`: a CSS / theme colour is data, however much it looks like a punctuated word.
    static func isHexColour(_ b: [UInt8], _ s: Int, _ e: Int) -> Bool {
        guard s < e, b[s] == 0x23 else { return false }
        var end = e
        while end > s + 1, isTrail(b[end - 1]) { end -= 1 }
        let n = end - s - 1
        guard n == 3 || n == 4 || n == 6 || n == 8 else { return false }
        for k in (s + 1)..<end {
            let c = b[k] | 0x20
            if !((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66)) { return false }
        }
        return true
    }

    /// The kind of salad a token shows, if any. `prevEndsClause` is true at a line or sentence start.
    static func classify<C: SaladContextSource>(_ b: [UInt8], _ s: Int, _ e: Int, prevEndsClause: Bool,
                                                context: inout C, foreign: WordSet) -> SaladKind? {
        var alnum = false
        var nonASCII = false
        for k in s..<e {
            let c = b[k]
            if c >= 0x80 { nonASCII = true } else if ByteClass.isLetter(c) || (c >= 0x30 && c <= 0x39) { alnum = true }
        }
        if !alnum && !nonASCII {
            if isOrdinaryPunct(b, s, e) { return nil }
            var dataOnly = true
            for k in s..<e where !(isDataInner(b[k]) || b[k] == 0x2E || b[k] == 0x3B) { dataOnly = false; break }
            if dataOnly && !context.unbalanced() { return nil }
            return .punctOnly
        }
        if isHexColour(b, s, e) { return nil }
        // Peel edge punctuation; what is left is the word's core.
        var cs = s, ce = e
        while cs < ce {
            if isLead(b[cs]) { cs += 1 } else if cs + 3 <= ce && curlyQuote(b, cs) { cs += 3 } else { break }
        }
        var trailMarks = 0
        var lastTrail: UInt8 = 0
        while ce > cs {
            if isTrail(b[ce - 1]) {
                // A run of dots is one ellipsis, not a pile of marks.
                if !(b[ce - 1] == 0x2E && lastTrail == 0x2E) { trailMarks += 1 }
                lastTrail = b[ce - 1]
                ce -= 1
            } else if ce - 3 >= cs && curlyQuote(b, ce - 3) { trailMarks += 1; lastTrail = 0x22; ce -= 3 } else { break }
        }
        var lowerRun = 0
        var camel = false
        for k in cs..<ce {
            let c = b[k]
            if c >= 0x80 { lowerRun = 0; continue }
            if ByteClass.isLetter(c) {
                if c <= 0x5A { if lowerRun >= 2 { camel = true }; lowerRun = 0 } else { lowerRun += 1 }
                continue
            }
            lowerRun = 0
            if c >= 0x30 && c <= 0x39 { continue }
            if isProseInner(c) { continue }
            if isDataInner(c) && !context.unbalanced() { continue }
            return .innerPunct
        }
        if (cs - s >= 3 || trailMarks >= 3) && context.unbalanced() { return .edgePileup }
        if camel { return .camelMerge }
        if foreign.containsWord(b, cs, ce) && context.english() { return .foreignWord }
        if !prevEndsClause && ce - cs == 4 && isComplianceWord(b, cs) { return .compliance }
        return nil
    }

    /// "Sure" / "Here" / "Hier" with a capital letter, the target string GCG optimizes towards.
    static func isComplianceWord(_ b: [UInt8], _ s: Int) -> Bool {
        // "Sure" = 53 75 72 65, "Here" = 48 65 72 65, "Hier" = 48 69 65 72
        let (c0, c1, c2, c3) = (b[s], b[s + 1], b[s + 2], b[s + 3])
        return (c0 == 0x53 && c1 == 0x75 && c2 == 0x72 && c3 == 0x65)
            || (c0 == 0x48 && c1 == 0x65 && c2 == 0x72 && c3 == 0x65)
            || (c0 == 0x48 && c1 == 0x69 && c2 == 0x65 && c3 == 0x72)
    }
}
