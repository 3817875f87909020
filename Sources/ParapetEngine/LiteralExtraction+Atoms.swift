import ParapetText
/// Atoms of the pattern reader: characters, escapes, classes and groups.
extension PatternReader {
    mutating func parseAtom() -> LiteralInfo? {
        let c = bytes[pos]
        switch c {
        case UInt8(ascii: "("):
            if let memo { return memoGroup(memo) }
            return parseGroup()
        case UInt8(ascii: "["):
            if let small = smallClass() { return small }
            if let wide = nonASCIIClass() { return wide }
            return skipClass() ? .opaque : nil
        case UInt8(ascii: "\\"): return parseEscape()
        case UInt8(ascii: "."): pos += 1; return .opaque
        case UInt8(ascii: "^"), UInt8(ascii: "$"): pos += 1; return .empty
        case UInt8(ascii: "?"), UInt8(ascii: "*"), UInt8(ascii: "+"): return nil // quantifier with nothing before it
        default:
            if c < 0x80 {
                pos += 1
                return char(c)
            }
            return nonASCIIChar()
        }
    }

    /// One ASCII character as an exact, lower-cased one-byte text (its own case when `keepCase`
    /// and matching is case-sensitive here).
    mutating func char(_ c: UInt8) -> LiteralInfo {
        let folded = c >= 0x41 && c <= 0x5A && !(keepCase && !caseless) ? c | 0x20 : c
        return LiteralInfo(exact: ByteStrings(single: arena.add(folded)), required: nil)
    }

    /// `\d`: an ASCII digit or, under UCP, another decimal digit (Arabic-Indic, full-width, …),
    /// which is one non-ASCII character: the placeholder. So `\d{3,}-\d{3,}` requires "0-0" …
    /// "9-9" on ASCII text.
    mutating func digit() -> LiteralInfo {
        var set: [Lit] = (0x30...0x39).map { arena.add(UInt8($0)) }
        set.append(arena.add(NonASCIIGate.placeholder))
        return LiteralInfo(exact: ByteStrings(set, in: arena), required: nil)
    }

    /// A multi-byte character: its bytes where matching is case-sensitive or the character has
    /// no case, its fold where the pattern only reads canonical text; otherwise under caseless
    /// matching the placeholder "some non-ASCII character" (its case variants are all non-ASCII),
    /// or opaque for the few characters caseless matching pairs with ASCII letters.
    mutating func nonASCIIChar() -> LiteralInfo? {
        guard let seq = nonASCIISequence() else { return nil }
        guard let pieces = Self.nonASCIIPieces(seq, caseless: caseless, canonical: canonicalSpace) else { return .opaque }
        return pieceSet(pieces)
    }

    /// The texts one character may be met as, as an exact set.
    mutating func pieceSet(_ pieces: [[UInt8]]) -> LiteralInfo {
        pieces.count == 1 ? LiteralInfo(exact: ByteStrings(single: arena.add(pieces[0])), required: nil)
            : LiteralInfo(exact: ByteStrings(pieces.map { arena.add($0) }, in: arena), required: nil)
    }

    /// The UTF-8 sequence of the multi-byte character at `pos` (consumed), nil if truncated.
    mutating func nonASCIISequence() -> [UInt8]? {
        let lead = bytes[pos]
        let len = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
        guard pos + len <= bytes.count else { return nil }
        let seq = Array(bytes[pos..<pos + len])
        pos += len
        return seq
    }

    /// The texts one non-ASCII character may be met as (one, or its two cases), or nil when it
    /// must stay opaque. `canonical`: the pattern only reads canonical text, where every
    /// character stands in its fold, so a cased character is met only as its fold
    /// (`Canonicalizer.foldedBytes`; the case variants PCRE2 pairs with it fold the same way,
    /// which `PrefilterNonASCIITests` checks for the pack's characters). Under caseless
    /// matching a Latin-1 letter is met as itself or its other case (`latin1CasePartner`), so
    /// "ist b[öo]se" on raw text needs "ist böse", "ist bÖse" or "ist bose", not just "ist b";
    /// any other cased character is the placeholder.
    static func nonASCIIPieces(_ seq: [UInt8], caseless: Bool, canonical: Bool = false) -> [[UInt8]]? {
        if !caseless { return [Prefilter.normalizeLiteral(seq)] }
        guard let v = NonASCIIGate.decode(seq) else { return nil }
        // A character without case variants is met only as itself.
        if NonASCIIGate.hasNoCase(v) { return [seq] }
        if canonical, !NonASCIIGate.asciiPartners.contains(v), let folded = Canonicalizer.foldedBytes(of: v) { return [folded] }
        if NonASCIIGate.pairsWithASCII(seq) { return nil }
        if let partner = NonASCIIGate.latin1CasePartner(v), let other = Self.utf8(Int(partner)) { return [seq, other] }
        return [[NonASCIIGate.placeholder]]
    }

    mutating func parseEscape() -> LiteralInfo? {
        guard let e = peek(1) else { return nil }
        pos += 2
        if e == UInt8(ascii: "s"), canonicalSpace { return char(0x20) }
        if e == UInt8(ascii: "d") { return digit() }
        switch e {
        case UInt8(ascii: "b"), UInt8(ascii: "B"), UInt8(ascii: "A"), UInt8(ascii: "z"), UInt8(ascii: "Z"),
             UInt8(ascii: "G"), UInt8(ascii: "K"):
            return .empty
        case UInt8(ascii: "d"), UInt8(ascii: "D"), UInt8(ascii: "w"), UInt8(ascii: "W"), UInt8(ascii: "s"),
             UInt8(ascii: "S"), UInt8(ascii: "h"), UInt8(ascii: "H"), UInt8(ascii: "v"), UInt8(ascii: "V"),
             UInt8(ascii: "R"), UInt8(ascii: "N"), UInt8(ascii: "X"), UInt8(ascii: "C"):
            // `\N{U+hhhh}` names a character; its braces must not be read as text. After the
            // other escapes a brace is a quantifier, read by the caller.
            return e == UInt8(ascii: "N") && peek() == UInt8(ascii: "{") ? nil : .opaque
        case UInt8(ascii: "p"), UInt8(ascii: "P"):
            if peek() == UInt8(ascii: "{") { return skipPast(UInt8(ascii: "}")) ? .opaque : nil }
            pos += 1
            return .opaque
        case UInt8(ascii: "n"): return char(0x0A)
        case UInt8(ascii: "t"): return char(0x09)
        case UInt8(ascii: "r"): return char(0x0D)
        case UInt8(ascii: "f"): return char(0x0C)
        case UInt8(ascii: "e"): return char(0x1B)
        case UInt8(ascii: "a"): return char(0x07)
        case UInt8(ascii: "x"): return hexEscape()
        case UInt8(ascii: "Q"): return quoted()
        case UInt8(ascii: "E"): return .empty
        case UInt8(ascii: "1")...UInt8(ascii: "9") where !(peek().map { $0 >= 0x30 && $0 <= 0x39 } ?? false):
            // `\1`...`\9` always refer back to a group: some text, maybe empty, whose
            // literals the group's own already require. (`\10` and up may be octal.)
            return .opaque
        default:
            // Escaped punctuation is that character; escaped letters and digits we do not
            // list (other back-references, \g, \k, octal, \c, \o, \u...) are left to PCRE2.
            let isAlnum = (e >= 0x30 && e <= 0x39) || (e | 0x20 >= 0x61 && e | 0x20 <= 0x7A)
            if e < 0x80, !isAlnum { return char(e) }
            return nil
        }
    }

    /// `\xhh` or `\x{h...}`: ASCII code points are literal; others are left opaque.
    mutating func hexEscape() -> LiteralInfo? {
        var digits: [UInt8] = []
        if peek() == UInt8(ascii: "{") {
            pos += 1
            while let c = peek(), c != UInt8(ascii: "}") { digits.append(c); pos += 1 }
            guard peek() == UInt8(ascii: "}") else { return nil }
            pos += 1
        } else {
            while digits.count < 2, let c = peek(), Self.hexValue(c) != nil { digits.append(c); pos += 1 }
        }
        var value = 0
        for d in digits {
            guard let v = Self.hexValue(d) else { return nil }
            value = value * 16 + v
            if value > 0x10FFFF { return nil }
        }
        if value < 0x80 { return char(UInt8(value)) }
        guard let seq = Self.utf8(value), let pieces = Self.nonASCIIPieces(seq, caseless: caseless, canonical: canonicalSpace) else { return .opaque }
        return pieceSet(pieces)
    }

    /// The UTF-8 bytes of a scalar value, nil for surrogates and values past U+10FFFF.
    static func utf8(_ v: Int) -> [UInt8]? {
        guard let scalar = Unicode.Scalar(UInt32(v)) else { return nil }
        return Array(String(Character(scalar)).utf8)
    }

    /// A class whose members are all non-ASCII characters or ranges of them (`[\x{202A}-\x{202E}]`)
    /// none of which caseless matching pairs with an ASCII letter: "one non-ASCII character".
    /// Nil (position unchanged) for anything else.
    mutating func nonASCIIClass() -> LiteralInfo? {
        var i = pos + 1
        guard i < bytes.count, bytes[i] != UInt8(ascii: "^") else { return nil }
        func scalar() -> Int? {
            guard i < bytes.count else { return nil }
            let c = bytes[i]
            if c >= 0xC0 {
                let len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2
                guard i + len <= bytes.count, let v = NonASCIIGate.decode(Array(bytes[i..<i + len])) else { return nil }
                i += len
                return Int(v)
            }
            guard c == UInt8(ascii: "\\"), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "x") else { return nil }
            i += 2
            var value = 0, digits = 0
            let braced = i < bytes.count && bytes[i] == UInt8(ascii: "{")
            if braced { i += 1 }
            while i < bytes.count, let d = Self.hexValue(bytes[i]), braced || digits < 2 {
                value = value * 16 + d
                digits += 1
                i += 1
                if value > 0x10FFFF { return nil }
            }
            if braced {
                guard i < bytes.count, bytes[i] == UInt8(ascii: "}") else { return nil }
                i += 1
            }
            return digits > 0 ? value : nil
        }
        var members = 0
        var ranges: [ClosedRange<Int>] = []
        while i < bytes.count, bytes[i] != UInt8(ascii: "]") {
            guard let lo = scalar(), lo >= 0x80 else { return nil }
            var hi = lo
            if i + 1 < bytes.count, bytes[i] == UInt8(ascii: "-"), bytes[i + 1] != UInt8(ascii: "]") {
                i += 1
                guard let h = scalar(), h >= lo else { return nil }
                hi = h
            }
            if caseless, NonASCIIGate.asciiPartners.contains(where: { Int($0) >= lo && Int($0) <= hi }) { return nil }
            members += 1
            ranges.append(lo...hi)
        }
        guard i < bytes.count, members > 0 else { return nil }
        pos = i + 1
        if let texts = uncasedTexts(ranges) { return texts }
        return LiteralInfo(exact: ByteStrings(single: arena.add(NonASCIIGate.placeholder)), required: nil)
    }

    /// Most characters a class of uncased characters is spelled out as; a wider class gives the
    /// lead bytes its characters share, when those are long enough to search for.
    static let maxUncasedMembers = 16
    /// Widest class whose members are enumerated at all (engine build time).
    static let maxUncasedClass = 4096

    /// A class of characters without case variants (`NonASCIIGate.hasNoCase`) as texts: every
    /// member's bytes (an exact set) when few, else the distinct lead bytes (all but the last
    /// byte) as a required set when those are `LiteralSets.minLength` long and few; nil otherwise.
    mutating func uncasedTexts(_ ranges: [ClosedRange<Int>]) -> LiteralInfo? {
        let count = ranges.reduce(0) { $0 + $1.count }
        guard count <= Self.maxUncasedClass, ranges.allSatisfy({ r in r.allSatisfy { NonASCIIGate.hasNoCase(UInt32($0)) } }) else { return nil }
        var seqs: [[UInt8]] = []
        for r in ranges { for v in r { guard let s = Self.utf8(v) else { return nil }; seqs.append(s) } }
        if seqs.count <= Self.maxUncasedMembers {
            return LiteralInfo(exact: ByteStrings(seqs.map { arena.add($0) }, in: arena), required: nil)
        }
        var leads: [[UInt8]] = []
        for s in seqs where !leads.contains(Array(s.dropLast())) { leads.append(Array(s.dropLast())) }
        guard leads.count <= Self.maxUncasedMembers, leads.allSatisfy({ $0.count >= LiteralSets.minLength }) else { return nil }
        return LiteralInfo(exact: nil, required: ByteStrings(leads.map { arena.add($0) }, in: arena))
    }

    static func hexValue(_ c: UInt8) -> Int? {
        switch c {
        case 0x30...0x39: return Int(c - 0x30)
        case 0x41...0x46: return Int(c - 0x41 + 10)
        case 0x61...0x66: return Int(c - 0x61 + 10)
        default: return nil
        }
    }

    /// `\Q...\E`: everything in between is literal text.
    mutating func quoted() -> LiteralInfo? {
        var items: [LiteralInfo] = []
        while pos < bytes.count {
            if bytes[pos] == UInt8(ascii: "\\"), peek(1) == UInt8(ascii: "E") { pos += 2; break }
            let c = bytes[pos]
            if c < 0x80 {
                items.append(char(c))
                pos += 1
            } else {
                guard let info = nonASCIIChar() else { return nil }
                items.append(info)
            }
        }
        return LiteralSets.sequence(items, &arena)
    }

    /// The quote marks a class may hold as texts (`['"]` opens a quoted value in code, SQL,
    /// markup). Other punctuation (sentence marks like `[.!?:]`) stays opaque: it multiplies
    /// the texts of the words around it into many more automaton states for little selectivity.
    static func classPunctuation(_ c: UInt8) -> Bool {
        c == UInt8(ascii: "'") || c == UInt8(ascii: "\"") || c == UInt8(ascii: "`")
    }

    /// A class of a few plain letters, digits, `_`, punctuation (`classPunctuation`) or
    /// non-ASCII characters (like `[pousr]`, `[üu]` or `['"]`) as an exact set of texts; nil
    /// (position unchanged) for anything else.
    mutating func smallClass() -> LiteralInfo? {
        var i = pos + 1
        var set: [Lit] = []
        var members = 0
        while i < bytes.count, bytes[i] != UInt8(ascii: "]") {
            let c = bytes[i]
            members += 1
            guard members <= 8 else { return nil }
            if c >= 0xC0 {
                let len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2
                guard i + len <= bytes.count, let pieces = Self.nonASCIIPieces(Array(bytes[i..<i + len]), caseless: caseless, canonical: canonicalSpace) else { return nil }
                for piece in pieces { set.append(arena.add(piece)) }
                i += len
                continue
            }
            let plain = (c >= 0x30 && c <= 0x39) || (c | 0x20 >= 0x61 && c | 0x20 <= 0x7A) || c == UInt8(ascii: "_")
            guard plain || Self.classPunctuation(c) else { return nil }
            set.append(arena.add(c >= 0x41 && c <= 0x5A && !(keepCase && !caseless) ? c | 0x20 : c))
            i += 1
        }
        guard i < bytes.count, !set.isEmpty else { return nil }
        pos = i + 1
        return LiteralInfo(exact: ByteStrings(set, in: arena), required: nil)
    }

    /// Moves past the next `close` byte; false if there is none.
    mutating func skipPast(_ close: UInt8) -> Bool {
        while pos < bytes.count {
            defer { pos += 1 }
            if bytes[pos] == close { return true }
        }
        return false
    }

    /// Skips a character class `[...]`, honouring `[]...]`, `[^]...]`, escapes and `[:name:]`.
    mutating func skipClass() -> Bool {
        pos += 1
        if peek() == UInt8(ascii: "^") { pos += 1 }
        if peek() == UInt8(ascii: "]") { pos += 1 }
        while pos < bytes.count {
            let c = bytes[pos]
            if c == UInt8(ascii: "\\") {
                if peek(1) == UInt8(ascii: "Q") {
                    pos += 2
                    while pos < bytes.count, !(bytes[pos] == UInt8(ascii: "\\") && peek(1) == UInt8(ascii: "E")) { pos += 1 }
                    pos += 2
                    continue
                }
                pos += 2
                continue
            }
            if c == UInt8(ascii: "["), peek(1) == UInt8(ascii: ":") {
                pos += 2
                while pos < bytes.count, !(bytes[pos] == UInt8(ascii: ":") && peek(1) == UInt8(ascii: "]")) { pos += 1 }
                pos += 2
                continue
            }
            pos += 1
            if c == UInt8(ascii: "]") { return true }
        }
        return false
    }
}
