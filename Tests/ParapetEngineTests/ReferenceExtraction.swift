// The literal extractor as it was before literals became arena slices (round 7): kept only as
// the reference `ExtractionEquivalenceTests` compares the engine's extractor with, pattern by
// pattern. Types are renamed (`Ref…`); the logic is unchanged. Delete this file (and that test)
// once a change to extraction is meant to change its output.
@testable import ParapetEngine

/// Finds the literals a PCRE2 pattern requires: every match contains at least one of them.
///
/// A conservative reader of the pattern source. Anything it does not fully understand
/// (verbs, conditionals, recursion, extended mode, unknown escapes) makes it give up, so a rule
/// then always runs; giving up is always safe, a wrong literal never is. ASCII letters are
/// lower-cased (the prefilter folds ASCII case); non-ASCII characters count as literal bytes only
/// where the pattern is case-sensitive, because caseless PCRE2 matches case variants we do not
/// enumerate; under caseless matching they still prove a match needs a non-ASCII byte
/// (`NonASCIIGate`).
enum RefLiteralExtraction {
    /// Shortest literal the prefilter searches for.
    static var minimumLength: Int { RefLiteralSets.minLength }

    /// The required literals of `pattern` (lower-cased UTF-8), or nil when none can be proven.
    static func requiredLiterals(of pattern: String, caseless: Bool = true) -> [[UInt8]]? {
        requiredLiterals(of: pattern, caseless: caseless, canonicalSpace: false)
    }

    /// `requiredLiterals(of:caseless:)`, reading `\s` as a space when `canonicalSpace`.
    static func requiredLiterals(of pattern: String, caseless: Bool, canonicalSpace: Bool) -> [[UInt8]]? {
        var parser = RefPatternReader(bytes: Array(pattern.utf8), caseless: caseless, canonicalSpace: canonicalSpace)
        guard let info = parser.parseAll(), RefLiteralSets.usable(info.required) else { return nil }
        // Placeholders (non-ASCII characters under caseless matching) resolve to an ASCII run
        // or to the non-ASCII sentinel; a sentinel makes the other alternatives redundant only
        // on non-ASCII text, so all are kept.
        return minimal(Set(info.required!.map(NonASCIIGate.resolve)))
    }

    /// The literals of a required set, sorted, without those holding another one: a text with
    /// "instructions" holds "instruction", so the longer one selects nothing more.
    static func minimal(_ set: Set<[UInt8]>) -> [[UInt8]] {
        let sorted = set.sorted { $0.count != $1.count ? $0.count < $1.count : $0.lexicographicallyPrecedes($1) }
        var kept: [[UInt8]] = []
        kept.reserveCapacity(sorted.count)
        for lit in sorted where !kept.contains(where: { $0.count < lit.count && $0 != NonASCIIGate.sentinel && holds(lit, $0) }) {
            kept.append(lit)
        }
        return kept.sorted { $0.lexicographicallyPrecedes($1) }
    }

    /// Whether `text` contains `part` (both short; a plain loop, no searcher set-up).
    static func holds(_ text: [UInt8], _ part: [UInt8]) -> Bool {
        let n = text.count, m = part.count
        guard m > 0, m <= n else { return m == 0 }
        return text.withUnsafeBufferPointer { t in
            part.withUnsafeBufferPointer { p in
                let first = p[0]
                var i = 0
                while i + m <= n {
                    if t[i] == first {
                        var k = 1
                        while k < m, t[i + k] == p[k] { k += 1 }
                        if k == m { return true }
                    }
                    i += 1
                }
                return false
            }
        }
    }

    /// Every literal set a match of `pattern` must meet (a conjunction: one literal of each set
    /// occurs in the match), the most selective first; nil when none can be proven. The first set
    /// is `requiredLiterals(of:caseless:)`.
    static func requiredClauses(of pattern: String, caseless: Bool = true) -> [[[UInt8]]]? {
        requiredClauses(of: pattern, caseless: caseless, canonicalSpace: false)
    }

    /// `requiredClauses(of:caseless:)`, reading `\s` as a space when `canonicalSpace`: the
    /// pattern only ever runs on canonical text (canonical and decoded views).
    static func requiredClauses(of pattern: String, caseless: Bool, canonicalSpace: Bool) -> [[[UInt8]]]? {
        clauses(of: pattern, caseless: caseless, keepCase: false, canonicalSpace: canonicalSpace)?.clauses
    }

    /// The clauses of a pattern that is case-sensitive throughout, with ASCII letters in their
    /// own case (a match holds them exactly so); nil when the pattern turns caseless anywhere or
    /// gives no literal.
    static func exactCaseClauses(of pattern: String) -> [[[UInt8]]]? {
        exactCaseClauses(of: pattern, canonicalSpace: false)
    }

    /// `exactCaseClauses(of:)`, reading `\s` as a space when `canonicalSpace`.
    static func exactCaseClauses(of pattern: String, canonicalSpace: Bool) -> [[[UInt8]]]? {
        guard let r = clauses(of: pattern, caseless: false, keepCase: true, canonicalSpace: canonicalSpace), !r.sawCaseless else { return nil }
        return r.clauses
    }

    static func clauses(of pattern: String, caseless: Bool, keepCase: Bool, canonicalSpace: Bool = false) -> (clauses: [[[UInt8]]], sawCaseless: Bool)? {
        var parser = RefPatternReader(bytes: Array(pattern.utf8), caseless: caseless, keepCase: keepCase, canonicalSpace: canonicalSpace)
        guard let info = parser.parseAll(), RefLiteralSets.usable(info.required) else { return nil }
        func resolved(_ s: RefByteStrings) -> [[UInt8]] {
            minimal(Set(s.map(NonASCIIGate.resolve)))
        }
        var out = [resolved(info.required!)]
        for c in info.also where RefLiteralSets.usable(c) {
            let r = resolved(c)
            // A set that resolves to the sentinel adds nothing beyond another sentinel set.
            if !out.contains(r) { out.append(r) }
        }
        return (out, parser.sawCaseless)
    }
}

/// Recursive-descent reader of PCRE2 syntax; `nil` from any step means "not understood".
struct RefPatternReader {
    let bytes: [UInt8]
    var pos = 0
    var caseless: Bool
    /// Keep ASCII letters in their own case where matching is case-sensitive.
    let keepCase: Bool
    /// Whether caseless matching was switched on anywhere (`(?i)`).
    var sawCaseless: Bool
    /// Read `\s` as a space: the pattern runs only on canonical text, whose sole whitespace
    /// character is U+0020 (`Canonicalizer` turns every character PCRE2's UCP `\s` matches
    /// into a space; decoded views are canonicalized too).
    let canonicalSpace: Bool

    init(bytes: [UInt8], caseless: Bool, keepCase: Bool = false, canonicalSpace: Bool = false) {
        self.bytes = bytes
        self.caseless = caseless
        self.keepCase = keepCase
        self.canonicalSpace = canonicalSpace
        sawCaseless = caseless
    }

    mutating func parseAll() -> RefLiteralInfo? {
        guard let info = parseAlternation() else { return nil }
        return pos == bytes.count ? info : nil
    }

    var atEnd: Bool { pos >= bytes.count }
    func peek(_ k: Int = 0) -> UInt8? { pos + k < bytes.count ? bytes[pos + k] : nil }

    /// branch ('|' branch)* — stops before ')' or at the end. Inline flags end with the group.
    mutating func parseAlternation() -> RefLiteralInfo? {
        let savedCaseless = caseless
        var branches: [RefLiteralInfo] = []
        while true {
            guard let b = parseBranch() else { return nil }
            branches.append(b)
            if peek() == UInt8(ascii: "|") { pos += 1; continue }
            break
        }
        caseless = savedCaseless
        return RefLiteralSets.alternation(branches)
    }

    mutating func parseBranch() -> RefLiteralInfo? {
        var items: [RefLiteralInfo] = []
        // Unquantified pieces with one exact text are joined here first: the same result as
        // joining them in `sequence`, without a set product per character (build-time cost).
        var text: [UInt8] = []
        var joined = false
        func flush() {
            if joined { items.append(RefLiteralInfo(exact: [text], required: nil)) }
            text = []
            joined = false
        }
        while let c = peek(), c != UInt8(ascii: "|"), c != UInt8(ascii: ")") {
            // A plain ASCII character with no quantifier after it: what `parseAtom` + `char`
            // would give, appended directly (most of a pattern's bytes; no set per character).
            if Self.isPlain(c), !Self.startsQuantifier(peek(1)) {
                text.append(c >= 0x41 && c <= 0x5A && !(keepCase && !caseless) ? c | 0x20 : c)
                joined = true
                pos += 1
                continue
            }
            guard let atom = parseAtom() else { return nil }
            guard let q = parseQuantifier() else { return nil }
            if let (lo, hi) = q {
                flush()
                items += RefLiteralSets.repeated(atom, min: lo, max: hi)
            } else if let e = atom.exact, e.count == 1 {
                text += e.first!
                joined = true
            } else {
                flush()
                items.append(atom)
            }
        }
        flush()
        return RefLiteralSets.sequence(items)
    }

    /// An ASCII byte that `parseAtom` reads as itself: not syntax.
    @inline(__always)
    static func isPlain(_ c: UInt8) -> Bool {
        guard c < 0x80 else { return false }
        switch c {
        case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "["), UInt8(ascii: "\\"), UInt8(ascii: "."),
             UInt8(ascii: "^"), UInt8(ascii: "$"), UInt8(ascii: "?"), UInt8(ascii: "*"), UInt8(ascii: "+"),
             UInt8(ascii: "|"):
            return false
        default:
            return true
        }
    }

    /// Whether `c` may start a quantifier (a `{` that does not is left to `parseQuantifier`).
    @inline(__always)
    static func startsQuantifier(_ c: UInt8?) -> Bool {
        guard let c else { return false }
        return c == UInt8(ascii: "?") || c == UInt8(ascii: "*") || c == UInt8(ascii: "+") || c == UInt8(ascii: "{")
    }

    /// Returns `.some(nil)` when no quantifier follows, `.some((min, max))` for one, nil if unreadable.
    mutating func parseQuantifier() -> (Int, Int?)?? {
        guard let c = peek() else { return .some(nil) }
        var result: (Int, Int?)
        switch c {
        case UInt8(ascii: "?"): result = (0, 1); pos += 1
        case UInt8(ascii: "*"): result = (0, nil); pos += 1
        case UInt8(ascii: "+"): result = (1, nil); pos += 1
        case UInt8(ascii: "{"):
            switch braceQuantifier() {
            case .notQuantifier: return .some(nil)
            case .unreadable: return nil
            case .quantifier(let lo, let hi): result = (lo, hi)
            }
        default: return .some(nil)
        }
        // Lazy and possessive suffixes do not change what can match.
        if let s = peek(), s == UInt8(ascii: "?") || s == UInt8(ascii: "+") { pos += 1 }
        if let n = peek(), n == UInt8(ascii: "?") || n == UInt8(ascii: "*") || n == UInt8(ascii: "+") || n == UInt8(ascii: "{") {
            return nil // stacked quantifiers: leave to PCRE2
        }
        return .some(result)
    }

    enum Brace { case notQuantifier, unreadable, quantifier(Int, Int?) }

    /// `{n}`, `{n,}`, `{n,m}`, `{,m}`; a `{` that cannot start one is a literal brace in PCRE2.
    mutating func braceQuantifier() -> Brace {
        var i = pos + 1
        func number() -> Int? {
            var v: Int? = nil
            while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 {
                v = (v ?? 0) * 10 + Int(bytes[i] - 0x30)
                if v! > 65535 { return nil }
                i += 1
            }
            return v
        }
        guard i < bytes.count else { return .notQuantifier }
        let first = bytes[i]
        let startsLikeOne = (first >= 0x30 && first <= 0x39) || first == UInt8(ascii: ",") || first == UInt8(ascii: " ")
        guard startsLikeOne else { return .notQuantifier }
        let lo = number()
        var hi: Int? = lo
        if i < bytes.count, bytes[i] == UInt8(ascii: ",") {
            i += 1
            hi = number()
        }
        guard i < bytes.count, bytes[i] == UInt8(ascii: "}"), lo != nil || hi != nil else { return .unreadable }
        pos = i + 1
        return .quantifier(lo ?? 0, hi)
    }
}

/// Atoms of the pattern reader: characters, escapes, classes and groups.
extension RefPatternReader {
    mutating func parseAtom() -> RefLiteralInfo? {
        let c = bytes[pos]
        switch c {
        case UInt8(ascii: "("): return parseGroup()
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
    func char(_ c: UInt8) -> RefLiteralInfo {
        let folded = c >= 0x41 && c <= 0x5A && !(keepCase && !caseless) ? c | 0x20 : c
        return RefLiteralInfo(exact: [[folded]], required: nil)
    }

    /// A multi-byte character: its bytes where matching is case-sensitive; under caseless
    /// matching the placeholder "some non-ASCII character" (its case variants are all non-ASCII),
    /// or opaque for the few characters caseless matching pairs with ASCII letters.
    mutating func nonASCIIChar() -> RefLiteralInfo? {
        guard let seq = nonASCIISequence() else { return nil }
        guard let piece = Self.nonASCIIPiece(seq, caseless: caseless) else { return .opaque }
        return RefLiteralInfo(exact: [piece], required: nil)
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

    /// The exact text one non-ASCII character contributes, or nil when it must stay opaque.
    static func nonASCIIPiece(_ seq: [UInt8], caseless: Bool) -> [UInt8]? {
        if !caseless { return Prefilter.normalizeLiteral(seq) }
        if NonASCIIGate.pairsWithASCII(seq) { return nil }
        return [NonASCIIGate.placeholder]
    }

    mutating func parseEscape() -> RefLiteralInfo? {
        guard let e = peek(1) else { return nil }
        pos += 2
        if e == UInt8(ascii: "s"), canonicalSpace { return char(0x20) }
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
        default:
            // Escaped punctuation is that character; escaped letters and digits we do not
            // list (back-references, \g, \k, octal, \c, \o, \u...) are left to PCRE2.
            let isAlnum = (e >= 0x30 && e <= 0x39) || (e | 0x20 >= 0x61 && e | 0x20 <= 0x7A)
            if e < 0x80, !isAlnum { return char(e) }
            return nil
        }
    }

    /// `\xhh` or `\x{h...}`: ASCII code points are literal; others are left opaque.
    mutating func hexEscape() -> RefLiteralInfo? {
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
        guard let seq = Self.utf8(value), let piece = Self.nonASCIIPiece(seq, caseless: caseless) else { return .opaque }
        return RefLiteralInfo(exact: [piece], required: nil)
    }

    /// The UTF-8 bytes of a scalar value, nil for surrogates and values past U+10FFFF.
    static func utf8(_ v: Int) -> [UInt8]? {
        guard let scalar = Unicode.Scalar(UInt32(v)) else { return nil }
        return Array(String(Character(scalar)).utf8)
    }

    /// A class whose members are all non-ASCII characters or ranges of them (`[\x{202A}-\x{202E}]`)
    /// none of which caseless matching pairs with an ASCII letter: "one non-ASCII character".
    /// Nil (position unchanged) for anything else.
    mutating func nonASCIIClass() -> RefLiteralInfo? {
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
        }
        guard i < bytes.count, members > 0 else { return nil }
        pos = i + 1
        return RefLiteralInfo(exact: [[NonASCIIGate.placeholder]], required: nil)
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
    mutating func quoted() -> RefLiteralInfo? {
        var items: [RefLiteralInfo] = []
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
        return RefLiteralSets.sequence(items)
    }

    /// A class of a few plain letters, digits, `_` or non-ASCII characters (like `[pousr]` or
    /// `[üu]`) as an exact set of texts; nil (position unchanged) for anything else.
    mutating func smallClass() -> RefLiteralInfo? {
        var i = pos + 1
        var set: [[UInt8]] = []
        var members = 0
        while i < bytes.count, bytes[i] != UInt8(ascii: "]") {
            let c = bytes[i]
            members += 1
            guard members <= 8 else { return nil }
            if c >= 0xC0 {
                let len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2
                guard i + len <= bytes.count, let piece = Self.nonASCIIPiece(Array(bytes[i..<i + len]), caseless: caseless) else { return nil }
                set.append(piece)
                i += len
                continue
            }
            let plain = (c >= 0x30 && c <= 0x39) || (c | 0x20 >= 0x61 && c | 0x20 <= 0x7A) || c == UInt8(ascii: "_")
            guard plain else { return nil }
            set.append([c >= 0x41 && c <= 0x5A && !(keepCase && !caseless) ? c | 0x20 : c])
            i += 1
        }
        guard i < bytes.count, !set.isEmpty else { return nil }
        pos = i + 1
        return RefLiteralInfo(exact: RefByteStrings(set), required: nil)
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

/// Groups of the pattern reader: captures, non-capturing groups, lookarounds and inline flags.
extension RefPatternReader {
    mutating func parseGroup() -> RefLiteralInfo? {
        pos += 1 // "("
        guard let c = peek() else { return nil }
        if c == UInt8(ascii: "*") { return nil } // verbs and (*pla:...) forms
        guard c == UInt8(ascii: "?") else { return groupBody() }
        pos += 1
        guard let k = peek() else { return nil }
        switch k {
        case UInt8(ascii: ":"), UInt8(ascii: ">"), UInt8(ascii: "|"):
            pos += 1
            return groupBody()
        case UInt8(ascii: "#"):
            return skipPast(UInt8(ascii: ")")) ? .empty : nil
        case UInt8(ascii: "="), UInt8(ascii: "!"):
            pos += 1
            return groupBody() == nil ? nil : .empty
        case UInt8(ascii: "<"):
            if let n = peek(1), n == UInt8(ascii: "=") || n == UInt8(ascii: "!") {
                pos += 2
                return groupBody() == nil ? nil : .empty
            }
            return namedGroup(close: UInt8(ascii: ">"))
        case UInt8(ascii: "'"):
            return namedGroup(close: UInt8(ascii: "'"))
        case UInt8(ascii: "P"):
            guard peek(1) == UInt8(ascii: "<") else { return nil } // (?P=name), (?P>name)
            pos += 1
            return namedGroup(close: UInt8(ascii: ">"))
        default:
            return inlineFlags()
        }
    }

    /// The alternation inside a group, up to and including its `)`.
    mutating func groupBody() -> RefLiteralInfo? {
        guard let info = parseAlternation(), peek() == UInt8(ascii: ")") else { return nil }
        pos += 1
        return info
    }

    /// `(?<name>...)` and friends: a capture group with a word-character name.
    mutating func namedGroup(close: UInt8) -> RefLiteralInfo? {
        pos += 1
        while let c = peek(), c != close {
            let word = (c >= 0x30 && c <= 0x39) || (c | 0x20 >= 0x61 && c | 0x20 <= 0x7A) || c == UInt8(ascii: "_")
            guard word else { return nil }
            pos += 1
        }
        guard peek() == close else { return nil }
        pos += 1
        return groupBody()
    }

    /// `(?i)`, `(?-i:...)`, `(?^)`... Only `i` matters to us; extended mode (`x`) changes the
    /// syntax itself, so it makes the reader give up.
    mutating func inlineFlags() -> RefLiteralInfo? {
        var newCaseless = caseless
        var negate = false
        while let c = peek() {
            pos += 1
            switch c {
            case UInt8(ascii: ")"):
                caseless = newCaseless // lasts to the end of the enclosing group
                return .empty
            case UInt8(ascii: ":"):
                let saved = caseless
                caseless = newCaseless
                let info = groupBody()
                caseless = saved
                return info
            case UInt8(ascii: "-"): negate = true
            case UInt8(ascii: "^"): newCaseless = false
            case UInt8(ascii: "i"):
                newCaseless = !negate
                if newCaseless { sawCaseless = true }
            case UInt8(ascii: "x"): return nil
            case UInt8(ascii: "m"), UInt8(ascii: "n"), UInt8(ascii: "s"), UInt8(ascii: "J"), UInt8(ascii: "U"),
                 UInt8(ascii: "a"), UInt8(ascii: "r"), UInt8(ascii: "D"), UInt8(ascii: "S"), UInt8(ascii: "W"),
                 UInt8(ascii: "P"), UInt8(ascii: "T"):
                continue
            default:
                return nil // (?R), (?1), (?&name), (?(cond)...), callouts
            }
        }
        return nil
    }
}

/// What the literal extractor knows about a piece of a pattern.
///
/// `exact`: the finite set of texts the piece matches (ASCII lower-cased), when small and known.
/// `required`: every match of the piece contains one of these texts. Either may be nil (unknown).
/// `also`: further sets every match must meet too (a conjunction with `required`), collected
/// from the other mandatory pieces of a sequence, so "send … history" needs both words.
struct RefLiteralInfo {
    var exact: RefByteStrings?
    var required: RefByteStrings?
    var also: [RefByteStrings] = []

    /// A piece that consumes text we cannot describe (a class, `.`, `\w`, a back-reference).
    static let opaque = RefLiteralInfo(exact: nil, required: nil)
    /// A zero-width piece (`\b`, `^`, a lookaround): it matches the empty text only.
    static let empty = RefLiteralInfo(exact: [[]], required: nil)
}

/// Set algebra on literal alternatives, bounded so a pattern can never blow up the prefilter.
enum RefLiteralSets {
    /// Most alternatives a set product (joined runs) may hold.
    static let maxAlternatives = 64
    /// Most alternatives one required set may hold: a long alternation of rare words (harmful
    /// topics, secret prefixes) is still a useful clause, and costs only automaton states.
    static let maxRequired = 192
    /// Shortest literal worth searching for; shorter ones would select rules on almost any text.
    static let minLength = 3
    /// Most sets one piece may require together (the most selective are kept).
    static let maxClauses = 4

    /// All concatenations `a + b`, or nil when the product would exceed the bound.
    static func product(_ a: RefByteStrings, _ b: RefByteStrings) -> RefByteStrings? {
        guard a.count * b.count <= maxAlternatives else { return nil }
        if a.isEmptyText { return b }
        if b.isEmptyText { return a }
        var out: [[UInt8]] = []
        out.reserveCapacity(a.count * b.count)
        for x in a { for y in b { out.append(x + y) } }
        return RefByteStrings(out)
    }

    /// Whether a required set can drive the prefilter: non-empty, bounded, every literal long enough.
    static func usable(_ s: RefByteStrings?) -> Bool {
        guard let s, !s.isEmpty, s.count <= maxRequired else { return false }
        return s.allSatisfy { $0.count >= minLength || $0.contains(NonASCIIGate.placeholder) }
    }

    /// The more selective of two usable sets: longer shortest literal first, then fewer alternatives.
    static func better(_ a: RefByteStrings?, _ b: RefByteStrings?) -> RefByteStrings? {
        let ua = usable(a), ub = usable(b)
        if !ua { return ub ? b : nil }
        if !ub { return a }
        let ka = selectivity(a!), kb = selectivity(b!)
        if ka != kb { return ka > kb ? a : b }
        return a!.count <= b!.count ? a : b
    }

    /// The selectivity of a non-empty set: that of its least selective literal.
    static func selectivity(_ s: RefByteStrings) -> Int {
        var k = Int.max
        for lit in s { k = Swift.min(k, NonASCIIGate.selectivity(lit)) }
        return k
    }

    /// Info of a concatenation: literal runs grow across exact pieces; other pieces close the run.
    /// Every mandatory piece's usable set is kept as a clause of the conjunction.
    static func sequence(_ items: [RefLiteralInfo]) -> RefLiteralInfo {
        var run: RefByteStrings = [[]]
        var best: RefByteStrings? = nil
        var allExact = true
        var clauses: [RefByteStrings] = []
        func note(_ s: RefByteStrings?) { if let s, usable(s) { clauses.append(s) } }
        for item in items {
            if let e = item.exact {
                if let grown = product(run, e) {
                    run = grown
                } else {
                    allExact = false
                    best = better(best, run)
                    note(run)
                    run = e
                }
            } else {
                allExact = false
                best = better(best, run)
                best = better(best, item.required)
                note(run)
                note(item.required)
                clauses += item.also
                run = [[]]
            }
        }
        best = better(best, run)
        note(run)
        return RefLiteralInfo(exact: allExact ? run : nil, required: best, also: allExact ? [] : others(clauses, besides: best))
    }

    /// The clauses other than `best`, without repeats, most selective first, bounded.
    static func others(_ clauses: [RefByteStrings], besides best: RefByteStrings?) -> [RefByteStrings] {
        guard let best else { return [] }
        // A handful of clauses: a linear search beats hashing whole sets.
        var out: [(set: RefByteStrings, key: Int)] = []
        for c in clauses where c != best && !out.contains(where: { $0.set == c }) {
            out.append((c, selectivity(c)))
        }
        out.sort { $0.key > $1.key || ($0.key == $1.key && $0.set.count < $1.set.count) }
        return out.prefix(maxClauses - 1).map(\.set)
    }

    /// Info of an alternation: a match takes one branch, so each branch must offer a literal.
    static func alternation(_ branches: [RefLiteralInfo]) -> RefLiteralInfo {
        if branches.count == 1 { return branches[0] }
        var exact: RefByteStrings? = []
        var required: RefByteStrings? = []
        for b in branches {
            if let e = b.exact, let acc = exact, acc.count + e.count <= maxAlternatives {
                exact = acc.union(e)
            } else {
                exact = nil
            }
            let pick = better(b.exact, b.required)
            if let p = pick, let acc = required, acc.count + p.count <= maxRequired {
                required = acc.union(p)
            } else {
                required = nil
            }
        }
        if !usable(required) { required = nil }
        return RefLiteralInfo(exact: exact, required: required)
    }

    /// Info of `piece{min,max}`. Repeats of at least one keep the piece's literal requirement,
    /// and an exact piece still joins the run before it (first copy) and after it (last copy).
    static func repeated(_ piece: RefLiteralInfo, min: Int, max: Int?) -> [RefLiteralInfo] {
        // `x?` of an exact piece is the empty text or x: it still joins the run (`instructions?\s`
        // gives "instruction " and "instructions ").
        if min == 0, max == 1, let e = piece.exact, e.count < maxAlternatives {
            return [RefLiteralInfo(exact: RefByteStrings([[]]).union(e), required: nil)]
        }
        if min == 0 { return [.opaque] }
        if let e = piece.exact {
            if max == min, min <= 4 {
                return Array(repeating: piece, count: min)
            }
            // first copy, an opaque middle, last copy: "ab+c" still requires "ab" and "bc".
            return [RefLiteralInfo(exact: e, required: nil), .opaque, RefLiteralInfo(exact: e, required: nil)]
        }
        return [RefLiteralInfo(exact: nil, required: better(piece.required, nil), also: piece.also)]
    }
}

/// A set of byte strings, kept as a sorted array without repeats.
///
/// The extractor builds thousands of small sets per pack. As `Set<[UInt8]>` every join hashed
/// every literal again and allocated a table; sorted arrays join by merging and compare
/// element-wise. Only membership, size and contents are ever read (never an iteration order
/// that a `Set` would leave unspecified), so the extracted literals are the same.
struct RefByteStrings: Equatable, Sequence, ExpressibleByArrayLiteral {
    private(set) var items: [[UInt8]]

    init(arrayLiteral elements: [UInt8]...) { self.init(elements) }

    /// The set of `strings`, given in any order and with repeats.
    init(_ strings: [[UInt8]]) {
        if strings.count <= 1 { items = strings; return }
        var sorted = strings
        sorted.sort(by: Self.precedes)
        var out: [[UInt8]] = []
        out.reserveCapacity(sorted.count)
        for s in sorted where out.last != s { out.append(s) }
        items = out
    }

    private init(sortedUnique: [[UInt8]]) { items = sortedUnique }

    var count: Int { items.count }
    var isEmpty: Bool { items.isEmpty }
    var first: [UInt8]? { items.first }
    /// Whether this is `[[]]`, the set holding only the empty text (the unit of `product`).
    var isEmptyText: Bool { items.count == 1 && items[0].isEmpty }
    func makeIterator() -> IndexingIterator<[[UInt8]]> { items.makeIterator() }

    /// Both sets together, by merging the two sorted arrays.
    func union(_ other: RefByteStrings) -> RefByteStrings {
        if other.items.isEmpty { return self }
        if items.isEmpty { return other }
        var out: [[UInt8]] = []
        out.reserveCapacity(items.count + other.items.count)
        var i = 0, j = 0
        while i < items.count, j < other.items.count {
            let a = items[i], b = other.items[j]
            if a == b {
                out.append(a); i += 1; j += 1
            } else if Self.precedes(a, b) {
                out.append(a); i += 1
            } else {
                out.append(b); j += 1
            }
        }
        out += items[i...]
        out += other.items[j...]
        return RefByteStrings(sortedUnique: out)
    }

    /// Byte-wise lexicographic order (a prefix first).
    static func precedes(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        let n = Swift.min(a.count, b.count)
        for k in 0..<n where a[k] != b[k] { return a[k] < b[k] }
        return a.count < b.count
    }
}

