/// What the literal extractor knows about a piece of a pattern.
///
/// `exact`: the finite set of texts the piece matches (ASCII lower-cased), when small and known.
/// `required`: every match of the piece contains one of these texts. Either may be nil (unknown).
/// `also`: further sets every match must meet too (a conjunction with `required`), collected
/// from the other mandatory pieces of a sequence, so "send … history" needs both words.
struct LiteralInfo {
    var exact: ByteStrings?
    var required: ByteStrings?
    var also: [ByteStrings] = []

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
    static func product(_ a: ByteStrings, _ b: ByteStrings) -> ByteStrings? {
        guard a.count * b.count <= maxAlternatives else { return nil }
        if a.isEmptyText { return b }
        if b.isEmptyText { return a }
        var out: [[UInt8]] = []
        out.reserveCapacity(a.count * b.count)
        for x in a { for y in b { out.append(x + y) } }
        return ByteStrings(out)
    }

    /// Whether a required set can drive the prefilter: non-empty, bounded, every literal long enough.
    static func usable(_ s: ByteStrings?) -> Bool {
        guard let s, !s.isEmpty, s.count <= maxRequired else { return false }
        return s.allSatisfy { $0.count >= minLength || $0.contains(NonASCIIGate.placeholder) }
    }

    /// The more selective of two usable sets: longer shortest literal first, then fewer alternatives.
    static func better(_ a: ByteStrings?, _ b: ByteStrings?) -> ByteStrings? {
        let ua = usable(a), ub = usable(b)
        if !ua { return ub ? b : nil }
        if !ub { return a }
        let ka = selectivity(a!), kb = selectivity(b!)
        if ka != kb { return ka > kb ? a : b }
        return a!.count <= b!.count ? a : b
    }

    /// The selectivity of a non-empty set: that of its least selective literal.
    static func selectivity(_ s: ByteStrings) -> Int {
        var k = Int.max
        for lit in s { k = Swift.min(k, NonASCIIGate.selectivity(lit)) }
        return k
    }

    /// Info of a concatenation: literal runs grow across exact pieces; other pieces close the run.
    /// Every mandatory piece's usable set is kept as a clause of the conjunction.
    static func sequence(_ items: [LiteralInfo]) -> LiteralInfo {
        var run: ByteStrings = [[]]
        var best: ByteStrings? = nil
        var allExact = true
        var clauses: [ByteStrings] = []
        func note(_ s: ByteStrings?) { if let s, usable(s) { clauses.append(s) } }
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
    static func others(_ clauses: [ByteStrings], besides best: ByteStrings?) -> [ByteStrings] {
        guard let best else { return [] }
        // A handful of clauses: a linear search beats hashing whole sets.
        var out: [(set: ByteStrings, key: Int)] = []
        for c in clauses where c != best && !out.contains(where: { $0.set == c }) {
            out.append((c, selectivity(c)))
        }
        out.sort { $0.key > $1.key || ($0.key == $1.key && $0.set.count < $1.set.count) }
        return out.prefix(maxClauses - 1).map(\.set)
    }

    /// Info of an alternation: a match takes one branch, so each branch must offer a literal.
    static func alternation(_ branches: [LiteralInfo]) -> LiteralInfo {
        if branches.count == 1 { return branches[0] }
        var exact: ByteStrings? = []
        var required: ByteStrings? = []
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
        // `x?` of an exact piece is the empty text or x: it still joins the run (`instructions?\s`
        // gives "instruction " and "instructions ").
        if min == 0, max == 1, let e = piece.exact, e.count < maxAlternatives {
            return [LiteralInfo(exact: ByteStrings([[]]).union(e), required: nil)]
        }
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

/// A set of byte strings, kept as a sorted array without repeats.
///
/// The extractor builds thousands of small sets per pack. As `Set<[UInt8]>` every join hashed
/// every literal again and allocated a table; sorted arrays join by merging and compare
/// element-wise. Only membership, size and contents are ever read (never an iteration order
/// that a `Set` would leave unspecified), so the extracted literals are the same.
struct ByteStrings: Equatable, Sequence, ExpressibleByArrayLiteral {
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
    func union(_ other: ByteStrings) -> ByteStrings {
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
        return ByteStrings(sortedUnique: out)
    }

    /// Byte-wise lexicographic order (a prefix first).
    static func precedes(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        let n = Swift.min(a.count, b.count)
        for k in 0..<n where a[k] != b[k] { return a[k] < b[k] }
        return a.count < b.count
    }
}
