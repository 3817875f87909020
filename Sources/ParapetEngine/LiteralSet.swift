/// What the literal extractor knows about a piece of a pattern.
///
/// `exact`: the finite set of texts the piece matches (ASCII lower-cased), when small and known.
/// `required`: every match of the piece contains one of these texts. Either may be nil (unknown).
/// `also`: further sets every match must meet too (a conjunction with `required`), collected
/// from the other mandatory pieces of a sequence, so "send … history" needs both words.
struct LiteralInfo {
    var exact: Set<[UInt8]>?
    var required: Set<[UInt8]>?
    var also: [Set<[UInt8]>] = []

    /// A piece that consumes text we cannot describe (a class, `.`, `\w`, a back-reference).
    static let opaque = LiteralInfo(exact: nil, required: nil)
    /// A zero-width piece (`\b`, `^`, a lookaround): it matches the empty text only.
    static let empty = LiteralInfo(exact: [[]], required: nil)
}

/// Set algebra on literal alternatives, bounded so a pattern can never blow up the prefilter.
enum LiteralSets {
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
    static func product(_ a: Set<[UInt8]>, _ b: Set<[UInt8]>) -> Set<[UInt8]>? {
        guard a.count * b.count <= maxAlternatives else { return nil }
        var out = Set<[UInt8]>()
        for x in a { for y in b { out.insert(x + y) } }
        return out
    }

    /// Whether a required set can drive the prefilter: non-empty, bounded, every literal long enough.
    static func usable(_ s: Set<[UInt8]>?) -> Bool {
        guard let s, !s.isEmpty, s.count <= maxRequired else { return false }
        return s.allSatisfy { $0.count >= minLength || $0.contains(NonASCIIGate.placeholder) }
    }

    /// The more selective of two usable sets: longer shortest literal first, then fewer alternatives.
    static func better(_ a: Set<[UInt8]>?, _ b: Set<[UInt8]>?) -> Set<[UInt8]>? {
        let ua = usable(a), ub = usable(b)
        if !ua { return ub ? b : nil }
        if !ub { return a }
        let ka = a!.map(NonASCIIGate.selectivity).min()!, kb = b!.map(NonASCIIGate.selectivity).min()!
        if ka != kb { return ka > kb ? a : b }
        return a!.count <= b!.count ? a : b
    }

    /// Info of a concatenation: literal runs grow across exact pieces; other pieces close the run.
    /// Every mandatory piece's usable set is kept as a clause of the conjunction.
    static func sequence(_ items: [LiteralInfo]) -> LiteralInfo {
        var run: Set<[UInt8]> = [[]]
        var best: Set<[UInt8]>? = nil
        var allExact = true
        var clauses: [Set<[UInt8]>] = []
        func note(_ s: Set<[UInt8]>?) { if let s, usable(s) { clauses.append(s) } }
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
        return LiteralInfo(exact: allExact ? run : nil, required: best, also: allExact ? [] : others(clauses, besides: best))
    }

    /// The clauses other than `best`, without repeats, most selective first, bounded.
    static func others(_ clauses: [Set<[UInt8]>], besides best: Set<[UInt8]>?) -> [Set<[UInt8]>] {
        guard let best else { return [] }
        var seen: Set<Set<[UInt8]>> = [best]
        var out: [(set: Set<[UInt8]>, key: Int)] = []
        for c in clauses where seen.insert(c).inserted {
            out.append((c, c.map(NonASCIIGate.selectivity).min()!))
        }
        out.sort { $0.key > $1.key || ($0.key == $1.key && $0.set.count < $1.set.count) }
        return out.prefix(maxClauses - 1).map(\.set)
    }

    /// Info of an alternation: a match takes one branch, so each branch must offer a literal.
    static func alternation(_ branches: [LiteralInfo]) -> LiteralInfo {
        if branches.count == 1 { return branches[0] }
        var exact: Set<[UInt8]>? = []
        var required: Set<[UInt8]>? = []
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
        return LiteralInfo(exact: exact, required: required)
    }

    /// Info of `piece{min,max}`. Repeats of at least one keep the piece's literal requirement,
    /// and an exact piece still joins the run before it (first copy) and after it (last copy).
    static func repeated(_ piece: LiteralInfo, min: Int, max: Int?) -> [LiteralInfo] {
        if min == 0 { return [.opaque] }
        if let e = piece.exact {
            if max == min, min <= 4 {
                return Array(repeating: piece, count: min)
            }
            // first copy, an opaque middle, last copy: "ab+c" still requires "ab" and "bc".
            return [LiteralInfo(exact: e, required: nil), .opaque, LiteralInfo(exact: e, required: nil)]
        }
        return [LiteralInfo(exact: nil, required: better(piece.required, nil), also: piece.also)]
    }
}
