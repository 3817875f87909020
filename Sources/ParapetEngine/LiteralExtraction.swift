/// Finds the literals a PCRE2 pattern requires: every match contains at least one of them.
///
/// A conservative reader of the pattern source. Anything it does not fully understand
/// (verbs, conditionals, recursion, extended mode, unknown escapes) makes it give up, so a rule
/// then always runs; giving up is always safe, a wrong literal never is. ASCII letters are
/// lower-cased (the prefilter folds ASCII case); non-ASCII characters count as literal bytes only
/// where the pattern is case-sensitive, because caseless PCRE2 matches case variants we do not
/// enumerate; under caseless matching they still prove a match needs a non-ASCII byte
/// (`NonASCIIGate`).
public enum LiteralExtraction {
    /// Shortest literal the prefilter searches for.
    public static var minimumLength: Int { LiteralSets.minLength }

    /// The required literals of `pattern` (lower-cased UTF-8), or nil when none can be proven.
    public static func requiredLiterals(of pattern: String, caseless: Bool = true) -> [[UInt8]]? {
        requiredLiterals(of: pattern, caseless: caseless, canonicalSpace: false)
    }

    /// `requiredLiterals(of:caseless:)`, reading `\s` as a space when `canonicalSpace`.
    public static func requiredLiterals(of pattern: String, caseless: Bool, canonicalSpace: Bool) -> [[UInt8]]? {
        var parser = PatternReader(bytes: Array(pattern.utf8), caseless: caseless, canonicalSpace: canonicalSpace)
        guard let info = parser.parseAll(), LiteralSets.usable(info.required) else { return nil }
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
    public static func requiredClauses(of pattern: String, caseless: Bool = true) -> [[[UInt8]]]? {
        requiredClauses(of: pattern, caseless: caseless, canonicalSpace: false)
    }

    /// `requiredClauses(of:caseless:)`, reading `\s` as a space when `canonicalSpace`: the
    /// pattern only ever runs on canonical text (canonical and decoded views).
    public static func requiredClauses(of pattern: String, caseless: Bool, canonicalSpace: Bool) -> [[[UInt8]]]? {
        clauses(of: pattern, caseless: caseless, keepCase: false, canonicalSpace: canonicalSpace)?.clauses
    }

    /// The clauses of a pattern that is case-sensitive throughout, with ASCII letters in their
    /// own case (a match holds them exactly so); nil when the pattern turns caseless anywhere or
    /// gives no literal.
    public static func exactCaseClauses(of pattern: String) -> [[[UInt8]]]? {
        exactCaseClauses(of: pattern, canonicalSpace: false)
    }

    /// `exactCaseClauses(of:)`, reading `\s` as a space when `canonicalSpace`.
    public static func exactCaseClauses(of pattern: String, canonicalSpace: Bool) -> [[[UInt8]]]? {
        guard let r = clauses(of: pattern, caseless: false, keepCase: true, canonicalSpace: canonicalSpace), !r.sawCaseless else { return nil }
        return r.clauses
    }

    static func clauses(of pattern: String, caseless: Bool, keepCase: Bool, canonicalSpace: Bool = false) -> (clauses: [[[UInt8]]], sawCaseless: Bool)? {
        var parser = PatternReader(bytes: Array(pattern.utf8), caseless: caseless, keepCase: keepCase, canonicalSpace: canonicalSpace)
        guard let info = parser.parseAll(), LiteralSets.usable(info.required) else { return nil }
        func resolved(_ s: ByteStrings) -> [[UInt8]] {
            minimal(Set(s.map(NonASCIIGate.resolve)))
        }
        var out = [resolved(info.required!)]
        for c in info.also where LiteralSets.usable(c) {
            let r = resolved(c)
            // A set that resolves to the sentinel adds nothing beyond another sentinel set.
            if !out.contains(r) { out.append(r) }
        }
        return (out, parser.sawCaseless)
    }
}

/// Recursive-descent reader of PCRE2 syntax; `nil` from any step means "not understood".
struct PatternReader {
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

    mutating func parseAll() -> LiteralInfo? {
        guard let info = parseAlternation() else { return nil }
        return pos == bytes.count ? info : nil
    }

    var atEnd: Bool { pos >= bytes.count }
    func peek(_ k: Int = 0) -> UInt8? { pos + k < bytes.count ? bytes[pos + k] : nil }

    /// branch ('|' branch)* — stops before ')' or at the end. Inline flags end with the group.
    mutating func parseAlternation() -> LiteralInfo? {
        let savedCaseless = caseless
        var branches: [LiteralInfo] = []
        while true {
            guard let b = parseBranch() else { return nil }
            branches.append(b)
            if peek() == UInt8(ascii: "|") { pos += 1; continue }
            break
        }
        caseless = savedCaseless
        return LiteralSets.alternation(branches)
    }

    mutating func parseBranch() -> LiteralInfo? {
        var items: [LiteralInfo] = []
        // Unquantified pieces with one exact text are joined here first: the same result as
        // joining them in `sequence`, without a set product per character (build-time cost).
        var text: [UInt8] = []
        var joined = false
        func flush() {
            if joined { items.append(LiteralInfo(exact: [text], required: nil)) }
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
                items += LiteralSets.repeated(atom, min: lo, max: hi)
            } else if let e = atom.exact, e.count == 1 {
                text += e.first!
                joined = true
            } else {
                flush()
                items.append(atom)
            }
        }
        flush()
        return LiteralSets.sequence(items)
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
