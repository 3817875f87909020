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
        defer { parser.arena.release() }
        guard let info = parser.parseAll(), LiteralSets.usable(info.required, parser.arena) else { return nil }
        // Placeholders (non-ASCII characters under caseless matching) resolve to an ASCII run
        // or to the non-ASCII sentinel; plain ASCII alternatives stay beside a sentinel.
        return resolved(info.required!, parser.arena)
    }

    /// A required set as the scan searches it: placeholders resolved, then `minimal`.
    static func resolved(_ s: ByteStrings, _ arena: LiteralArena) -> [[UInt8]] {
        let cap = LiteralSets.maxLength
        let placeholders = s.contains(where: arena.hasPlaceholder)
        // Plain texts of searchable length are already distinct: no resolving, no hashing.
        if !placeholders {
            let kept = minimal(sorted: s.items, arena)
            guard kept.contains(where: { $0.count > cap }) else { return kept }
            // Minimal before the cut too: "shipping address" beside "address" selects nothing
            // more, but its prefix "shipping add" would.
            return minimal(Set(kept.map { $0.count > cap ? Array($0[..<cap]) : $0 }))
        }
        var each = s.map { arena.hasPlaceholder($0) ? NonASCIIGate.resolve(arena.array($0)) : arena.array($0) }
        // Once one literal is the sentinel, the set selects all non-ASCII text anyway: a literal
        // with a placeholder also proves a non-ASCII byte, and as the sentinel it no longer
        // selects ASCII text that only holds its plain run (" ai" of "사악한 AI").
        if placeholders, each.contains(NonASCIIGate.sentinel) {
            for (k, lit) in s.enumerated() where arena.hasPlaceholder(lit) { each[k] = NonASCIIGate.sentinel }
        }
        // Longer literals select hardly anything more, but each byte is an automaton state:
        // prefixes of at most `cap` bytes (every match still holds one).
        each = minimal(Set(each))
        for k in each.indices where each[k].count > cap { each[k].removeSubrange(cap...) }
        return minimal(Set(each))
    }

    /// The literals of a required set, sorted, without those holding another one: a text with
    /// "instructions" holds "instruction", so the longer one selects nothing more.
    static func minimal(_ set: Set<[UInt8]>) -> [[UInt8]] {
        minimal(unique: Array(set))
    }

    /// `minimal` of literals given without repeats, in any order.
    static func minimal(unique: [[UInt8]]) -> [[UInt8]] {
        let sorted = unique.sorted { $0.count != $1.count ? $0.count < $1.count : $0.lexicographicallyPrecedes($1) }
        var kept: [[UInt8]] = []
        kept.reserveCapacity(sorted.count)
        // Per kept literal, its bytes as a 64-bit mask (byte & 63): a literal can only hold one
        // whose mask is a subset of its own, so most pairs are ruled out without a search.
        var masks: [UInt64] = []
        masks.reserveCapacity(sorted.count)
        for lit in sorted {
            let mask = byteMask(lit)
            var held = false
            // `kept` is in length order: only the shorter ones, a prefix, can be held in `lit`.
            for k in kept.indices {
                let part = kept[k]
                if part.count >= lit.count { break }
                if masks[k] & ~mask != 0 || part == NonASCIIGate.sentinel { continue }
                if holds(lit, part) { held = true; break }
            }
            if !held {
                kept.append(lit)
                masks.append(mask)
            }
        }
        return kept.sorted { $0.lexicographicallyPrecedes($1) }
    }

    /// `minimal(unique:)` of a set's literals (sorted by content, no repeats), read in place in
    /// the arena: only the kept ones become arrays.
    static func minimal(sorted lits: [Lit], _ arena: LiteralArena) -> [[UInt8]] {
        let n = lits.count
        guard n > 1 else { return lits.map(arena.array) }
        // Length order, content order within a length (a stable counting sort of the sorted
        // set): the order `minimal(unique:)` reads them in.
        var longest = 0
        for l in lits { longest = Swift.max(longest, Int(l.count)) }
        var start = [Int](repeating: 0, count: longest + 2)
        for l in lits { start[Int(l.count) + 1] += 1 }
        for k in 0..<longest + 1 { start[k + 1] += start[k] }
        var order = [Int](repeating: 0, count: n)
        for (i, l) in lits.enumerated() {
            order[start[Int(l.count)]] = i
            start[Int(l.count)] += 1
        }
        let sentinel = NonASCIIGate.sentinel
        var keep = [Bool](repeating: false, count: n)
        var kept: [Int] = []
        var masks: [UInt64] = []
        kept.reserveCapacity(n)
        masks.reserveCapacity(n)
        for i in order {
            let lit = arena.bytes(lits[i])
            var mask: UInt64 = 0
            for b in lit { mask |= 1 << UInt64(b & 63) }
            var held = false
            for k in kept.indices {
                let part = arena.bytes(lits[kept[k]])
                if part.count >= lit.count { break }
                if masks[k] & ~mask != 0 || part.elementsEqual(sentinel) { continue }
                if holds(lit, part) { held = true; break }
            }
            if !held {
                kept.append(i)
                masks.append(mask)
                keep[i] = true
            }
        }
        var out: [[UInt8]] = []
        out.reserveCapacity(kept.count)
        for i in 0..<n where keep[i] { out.append(arena.array(lits[i])) }
        return out
    }

    /// Whether `text` contains `part` (`holds` on arena bytes).
    static func holds(_ t: UnsafeBufferPointer<UInt8>, _ p: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = t.count, m = p.count
        guard m > 0, m <= n else { return m == 0 }
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

    /// The set of `lit`'s bytes modulo 64, as bits.
    static func byteMask(_ lit: [UInt8]) -> UInt64 {
        var m: UInt64 = 0
        for b in lit { m |= 1 << UInt64(b & 63) }
        return m
    }

    /// Whether `text` contains `part` (both short; a plain loop, no searcher set-up).
    static func holds(_ text: [UInt8], _ part: [UInt8]) -> Bool {
        text.withUnsafeBufferPointer { t in part.withUnsafeBufferPointer { p in holds(t, p) } }
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
        requiredClauses(of: pattern, caseless: caseless, canonicalSpace: canonicalSpace, memo: nil)
    }

    /// `requiredClauses(of:caseless:canonicalSpace:)`, sharing large groups' results in `memo`.
    static func requiredClauses(of pattern: String, caseless: Bool, canonicalSpace: Bool, memo: GroupMemo?) -> [[[UInt8]]]? {
        clauses(of: pattern, caseless: caseless, keepCase: false, canonicalSpace: canonicalSpace, memo: memo)?.clauses
    }

    /// The clauses of a pattern that is case-sensitive throughout, with ASCII letters in their
    /// own case (a match holds them exactly so); nil when the pattern turns caseless anywhere or
    /// gives no literal.
    public static func exactCaseClauses(of pattern: String) -> [[[UInt8]]]? {
        exactCaseClauses(of: pattern, canonicalSpace: false)
    }

    /// `exactCaseClauses(of:)`, reading `\s` as a space when `canonicalSpace`.
    public static func exactCaseClauses(of pattern: String, canonicalSpace: Bool) -> [[[UInt8]]]? {
        exactCaseClauses(of: pattern, canonicalSpace: canonicalSpace, memo: nil)
    }

    /// `exactCaseClauses(of:canonicalSpace:)`, sharing large groups' results in `memo`.
    static func exactCaseClauses(of pattern: String, canonicalSpace: Bool, memo: GroupMemo?) -> [[[UInt8]]]? {
        guard let r = clauses(of: pattern, caseless: false, keepCase: true, canonicalSpace: canonicalSpace, memo: memo), !r.sawCaseless else { return nil }
        return r.clauses
    }

    /// `memo`: results of large groups shared with other patterns (the same clauses either way).
    static func clauses(of pattern: String, caseless: Bool, keepCase: Bool, canonicalSpace: Bool = false, memo: GroupMemo? = nil) -> (clauses: [[[UInt8]]], sawCaseless: Bool)? {
        var parser = PatternReader(bytes: Array(pattern.utf8), caseless: caseless, keepCase: keepCase, canonicalSpace: canonicalSpace, memo: memo)
        defer { parser.arena.release() }
        guard let info = parser.parseAll(), LiteralSets.usable(info.required, parser.arena) else { return nil }
        let arena = parser.arena
        var out = [resolved(info.required!, arena)]
        for c in info.also where LiteralSets.usable(c, arena) {
            let r = resolved(c, arena)
            // A set that resolves to the sentinel adds nothing beyond another sentinel set.
            if !out.contains(r) { out.append(r) }
        }
        // Restarted runs (`LiteralInfo.extra`), the most selective few, after the other clauses.
        let extras = info.extra.filter { LiteralSets.usable($0, arena) }
            .sorted { LiteralSets.selectivity($0, arena) > LiteralSets.selectivity($1, arena) }
        for c in extras.prefix(LiteralSets.maxExtraClauses) {
            let r = resolved(c, arena)
            if !out.contains(r) { out.append(r) }
        }
        // An exact pattern's parts are clauses too once its texts were cut to their prefixes
        // (`LiteralSets.maxLength`): "instructions" keeps nothing of "above" in "instructions above".
        // A part every kept literal still holds adds nothing.
        if info.required!.contains(where: { $0.count > LiteralSets.maxLength }) {
            let kept = out[0]
            for c in info.factors where LiteralSets.usable(c, arena) {
                let r = resolved(c, arena)
                if out.contains(r) || kept.allSatisfy({ lit in r.contains { holds(lit, $0) } }) { continue }
                out.append(r)
            }
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
    /// The bytes of every literal this reader builds; the caller frees it (`release()`).
    var arena: LiteralArena
    /// Texts being joined by the branches open at `pos`, innermost last (see `parseBranch`).
    var scratch: [UInt8] = []
    /// Results of large groups shared with other readers (see `memoGroup`), and per `(` the
    /// offset past its `)` (`GroupMemo.groupEnds`; empty without a memo).
    let memo: GroupMemo?
    let groupEnds: [Int32]

    init(bytes: [UInt8], caseless: Bool, keepCase: Bool = false, canonicalSpace: Bool = false, memo: GroupMemo? = nil) {
        self.bytes = bytes
        let ends = memo != nil && bytes.count >= GroupMemo.minLength ? GroupMemo.groupEnds(bytes) : nil
        self.memo = ends == nil ? nil : memo
        groupEnds = ends ?? []
        arena = LiteralArena(capacity: 2 * bytes.count + 256)
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
        // Most groups have one branch: no array for them.
        guard let first = parseBranch() else { return nil }
        guard peek() == UInt8(ascii: "|") else {
            caseless = savedCaseless
            return first
        }
        var branches: [LiteralInfo] = []
        branches.reserveCapacity(16)
        branches.append(first)
        while peek() == UInt8(ascii: "|") {
            pos += 1
            guard let b = parseBranch() else { return nil }
            branches.append(b)
        }
        caseless = savedCaseless
        return LiteralSets.alternation(branches, arena)
    }

    mutating func parseBranch() -> LiteralInfo? {
        var items: [LiteralInfo] = []
        // Unquantified pieces with one exact text are joined here first: the same result as
        // joining them in `sequence`, without a set product per character (build-time cost).
        // The text grows at the end of `scratch`, above the text of the branches enclosing this
        // one, and is cut back when it becomes a literal.
        let textStart = scratch.count
        var joined = false
        while let c = peek(), c != UInt8(ascii: "|"), c != UInt8(ascii: ")") {
            // A plain ASCII character with no quantifier after it: what `parseAtom` + `char`
            // would give, appended directly (most of a pattern's bytes; no set per character).
            if Self.isPlain(c), !Self.startsQuantifier(peek(1)) {
                // The whole run of such characters at once.
                let runStart = pos
                pos += 1
                while pos < bytes.count, Self.isPlain(bytes[pos]), !Self.startsQuantifier(peek(1)) { pos += 1 }
                let at = scratch.count
                scratch.append(contentsOf: bytes[runStart..<pos])
                if !(keepCase && !caseless) {
                    scratch.withUnsafeMutableBufferPointer { t in
                        for k in at..<t.count where t[k] >= 0x41 && t[k] <= 0x5A { t[k] |= 0x20 }
                    }
                }
                joined = true
                continue
            }
            guard let atom = parseAtom() else { scratch.removeSubrange(textStart...); return nil }
            guard let q = parseQuantifier() else { scratch.removeSubrange(textStart...); return nil }
            if items.capacity == 0 { items.reserveCapacity(8) }
            if case let (lo, upper)? = q {
                var hi = upper
                // Canonical text never holds two spaces in a row: `\s+` is one space, `\s*` none or one.
                if canonicalSpace, lo <= 1, atom.isSingleSpace(arena) { hi = 1 }
                if lo == 1, hi == 1 {
                    scratch.append(0x20)
                    joined = true
                    continue
                }
                flushText(from: textStart, &joined, into: &items)
                LiteralSets.repeated(atom, min: lo, max: hi, arena, into: &items)
            } else if let e = atom.exact, e.count == 1 {
                scratch.append(contentsOf: arena.bytes(e.first!))
                joined = true
            } else {
                flushText(from: textStart, &joined, into: &items)
                items.append(atom)
            }
        }
        if items.isEmpty, joined {
            // One text and nothing else (an alternation's word): what `sequence` gives for it.
            let text = ByteStrings(single: arena.add(scratch[textStart...]))
            scratch.removeSubrange(textStart...)
            return LiteralInfo(exact: text, required: LiteralSets.usable(text, arena) ? text : nil)
        }
        if joined, items.capacity == 0 { items.reserveCapacity(2) }
        flushText(from: textStart, &joined, into: &items)
        return LiteralSets.sequence(items, &arena)
    }

    /// Ends the text joined since `start` (when any) as one exact piece.
    mutating func flushText(from start: Int, _ joined: inout Bool, into items: inout [LiteralInfo]) {
        guard joined else { return }
        items.append(LiteralInfo(exact: ByteStrings(single: arena.add(scratch[start...])), required: nil))
        scratch.removeSubrange(start...)
        joined = false
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
