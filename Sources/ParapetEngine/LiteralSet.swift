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
    /// For an exact piece: smaller sets each of its texts holds (its parts, the runs it grew
    /// from), which an alternation falls back to when its texts would be too many.
    var factors: [ByteStrings] = []
    /// Further sets every match must meet, from runs restarted inside a sequence
    /// (`LiteralSets.restart`). Only the pattern's own gate adds them, after its other clauses:
    /// never a piece's best pick and never an alternation's, so a run of common words cannot
    /// take the place of a rarer clause. An alternation of several branches drops them.
    var extra: [ByteStrings] = []

    /// A piece that consumes text we cannot describe (a class, `.`, `\w`, a back-reference).
    static let opaque = LiteralInfo(exact: nil, required: nil)
    /// A zero-width piece (`\b`, `^`, a lookaround): it matches the empty text only.
    static let empty = LiteralInfo(exact: .emptyText, required: nil)

    /// Whether the piece only ever matches one space (`\s` on canonical text, ` `, `[ ]`).
    func isSingleSpace(_ arena: LiteralArena) -> Bool {
        guard let e = exact, e.count == 1 else { return false }
        let b = arena.bytes(e.items[0])
        return b.count == 1 && b[0] == 0x20
    }
}

/// One literal: a slice of the extraction's `LiteralArena`.
struct Lit {
    var start: Int32
    var count: Int32
    /// Whether the text holds a non-ASCII placeholder (`NonASCIIGate.placeholder`): most do
    /// not, and then their selectivity is their length, known without reading them.
    var placeholder = false
    /// The empty text (reads no byte).
    static let empty = Lit(start: 0, count: 0)
}

/// The bytes of every literal one extraction builds, in one growing buffer.
///
/// Literals are slices of it (`Lit`), so a set of literals is an array of plain values: joining,
/// copying and dropping sets allocates no array and counts no reference per literal (as
/// `[[UInt8]]` they dominated the engine's start-up). Owned by one `PatternReader`, which frees it
/// with `release()` when the extraction ends; copies only read it.
struct LiteralArena {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = Swift.max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    func release() { base.deallocate() }

    mutating func reserve(_ extra: Int) {
        guard count + extra > capacity else { return }
        let grown = Swift.max(capacity * 2, count + extra)
        let bytes = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
        bytes.initialize(from: base, count: count)
        base.deallocate()
        base = bytes
        capacity = grown
    }

    mutating func add(_ b: UInt8) -> Lit {
        reserve(1)
        base[count] = b
        count += 1
        return Lit(start: Int32(count - 1), count: 1, placeholder: b == NonASCIIGate.placeholder)
    }

    mutating func add(_ bytes: [UInt8]) -> Lit {
        bytes.withUnsafeBufferPointer { add($0) }
    }

    mutating func add(_ bytes: ArraySlice<UInt8>) -> Lit {
        bytes.withUnsafeBufferPointer { add($0) }
    }

    mutating func add(_ bytes: UnsafeBufferPointer<UInt8>) -> Lit {
        guard let from = bytes.baseAddress, !bytes.isEmpty else { return .empty }
        reserve(bytes.count)
        (base + count).initialize(from: from, count: bytes.count)
        count += bytes.count
        return Lit(start: Int32(count - bytes.count), count: Int32(bytes.count), placeholder: bytes.contains(NonASCIIGate.placeholder))
    }

    /// The literal `a + b` (one of them when the other is empty).
    mutating func concat(_ a: Lit, _ b: Lit) -> Lit {
        if a.count == 0 { return b }
        if b.count == 0 { return a }
        let n = Int(a.count + b.count)
        reserve(n)
        let to = base + count
        to.initialize(from: base + Int(a.start), count: Int(a.count))
        (to + Int(a.count)).initialize(from: base + Int(b.start), count: Int(b.count))
        count += n
        return Lit(start: Int32(count - n), count: Int32(n), placeholder: a.placeholder || b.placeholder)
    }

    func bytes(_ l: Lit) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: base + Int(l.start), count: Int(l.count))
    }

    func array(_ l: Lit) -> [UInt8] { Array(bytes(l)) }

    /// The first eight bytes of `l`, big-endian, zero-padded: `a`'s key is below `b`'s only
    /// when `a` precedes `b` (equal keys leave the order to the rest of the texts).
    func prefixKey(_ l: Lit) -> UInt64 {
        let p = base + Int(l.start)
        let n = Swift.min(Int(l.count), 8)
        if n == 8 { return UnsafeRawPointer(p).loadUnaligned(as: UInt64.self).bigEndian }
        var key: UInt64 = 0
        for k in 0..<n { key |= UInt64(p[k]) << UInt64(56 - 8 * k) }
        return key
    }

    /// Byte-wise lexicographic order (a prefix first).
    func precedes(_ a: Lit, _ b: Lit) -> Bool {
        let pa = base + Int(a.start), pb = base + Int(b.start)
        let n = Int(Swift.min(a.count, b.count))
        var k = 0
        while k < n {
            if pa[k] != pb[k] { return pa[k] < pb[k] }
            k += 1
        }
        return a.count < b.count
    }

    func equal(_ a: Lit, _ b: Lit) -> Bool {
        guard a.count == b.count else { return false }
        if a.start == b.start { return true }
        let pa = base + Int(a.start), pb = base + Int(b.start)
        for k in 0..<Int(a.count) where pa[k] != pb[k] { return false }
        return true
    }

    /// Whether `l` holds a non-ASCII placeholder (`NonASCIIGate.placeholder`).
    func hasPlaceholder(_ l: Lit) -> Bool { l.placeholder }

    /// Whether `l` holds one of `LiteralSets.rareBytes`.
    func holdsRareByte(_ l: Lit) -> Bool { bytes(l).contains(where: LiteralSets.rareBytes.contains) }

    /// How much a literal narrows the scan: its length capped at 8, but 4 for a common word of
    /// six letters or more (`CommonWords`: as frequent as a short one); a literal with placeholders,
    /// that of its longest plain run, or one more than the shortest usable literal when that run
    /// is shorter than `NonASCIIGate.minRun` (it resolves to the sentinel).
    func selectivity(_ l: Lit) -> Int {
        if !l.placeholder {
            // A common word selects little however long it is ("information", "without ").
            if l.count >= 6, CommonWords.isCommon(bytes(l)) { return 4 }
            return Swift.min(Int(l.count), 8)
        }
        let b = bytes(l)
        var longest = 0, run = 0, sawPlaceholder = false
        for c in b {
            if c == NonASCIIGate.placeholder {
                sawPlaceholder = true
                run = 0
            } else {
                run += 1
                if run > longest { longest = run }
            }
        }
        if !sawPlaceholder { return Swift.min(b.count, 8) }
        return longest >= NonASCIIGate.minRun ? Swift.min(longest, 8) : LiteralSets.minLength + 1
    }
}

/// Set algebra on literal alternatives, bounded so a pattern can never blow up the prefilter.
enum LiteralSets {
    /// Most alternatives a set product (joined runs) may hold.
    static let maxAlternatives = 64
    /// Most alternatives a product of texts at most `minLength` long may hold: a digit, a
    /// separator and a digit give 121 (`\d` is eleven: ten ASCII digits and the non-ASCII
    /// placeholder). Such short texts cannot grow into a long product: the next join is bounded
    /// by `maxAlternatives` again.
    static let maxShortProduct = 121
    /// Most alternatives one required set may hold: a long alternation of rare words (harmful
    /// topics, secret prefixes) is still a useful clause, and costs only automaton states.
    static let maxRequired = 384
    /// Shortest literal worth searching for; shorter ones would select rules on almost any text.
    static let minLength = 3
    /// Longest literal the prefilter searches for (a longer one is cut to its prefix). Each
    /// byte may be an automaton state; 10 gave 38.7k states and let "payment in" (index,
    /// information) and "your instr" open gates, 12 gives 51.5k and ran the corpus about 5 %
    /// faster, 14 only 0.25 % fewer instructions than 12 for 64k states.
    static let maxLength = 12
    /// Most sets one piece may require together (the most selective are kept).
    static let maxClauses = 4
    /// Most restarted runs (`LiteralInfo.extra`) a pattern's gate adds to its clauses.
    static let maxExtraClauses = 2

    /// All concatenations `a + b`, or nil when the product would exceed the bound.
    static func product(_ a: ByteStrings, _ b: ByteStrings, _ arena: inout LiteralArena) -> ByteStrings? {
        guard a.count * b.count <= maxAlternatives || (a.count * b.count <= maxShortProduct && a.longest + b.longest <= minLength) else { return nil }
        if a.isEmptyText { return b }
        if b.isEmptyText { return a }
        // One text before a sorted set keeps it sorted and without repeats: no sort.
        if a.count == 1 {
            let x = a.items[0]
            var out: [Lit] = []
            out.reserveCapacity(b.count)
            for y in b { out.append(arena.concat(x, y)) }
            return ByteStrings(sortedUnique: out)
        }
        var out: [Lit] = []
        out.reserveCapacity(a.count * b.count)
        for x in a { for y in b { out.append(arena.concat(x, y)) } }
        return ByteStrings(out, in: arena)
    }

    /// Whether a required set can drive the prefilter: non-empty, bounded, every literal long
    /// enough or holding a rare byte.
    static func usable(_ s: ByteStrings?, _ arena: LiteralArena) -> Bool {
        guard let s, !s.isEmpty, s.count <= maxRequired else { return false }
        return s.allSatisfy { $0.count >= minLength || arena.hasPlaceholder($0) || arena.holdsRareByte($0) }
    }

    /// Bytes ordinary prose seldom holds, so a literal holding one selects little even when it
    /// is shorter than `minLength`: `@` (an e-mail address, a handle). As its selectivity stays
    /// its length, such a set is only picked where nothing longer is required, most often as
    /// one more clause beside a better one.
    static let rareBytes: Set<UInt8> = [UInt8(ascii: "@")]

    /// The more selective of two usable sets: longer shortest literal first, then fewer alternatives.
    static func better(_ a: ByteStrings?, _ b: ByteStrings?, _ arena: LiteralArena) -> ByteStrings? {
        let ua = usable(a, arena), ub = usable(b, arena)
        if !ua { return ub ? b : nil }
        if !ub { return a }
        let ka = selectivity(a!, arena), kb = selectivity(b!, arena)
        if ka != kb { return ka > kb ? a : b }
        return a!.count <= b!.count ? a : b
    }

    /// The selectivity of a non-empty set: that of its least selective literal.
    static func selectivity(_ s: ByteStrings, _ arena: LiteralArena) -> Int {
        var k = Int.max
        for lit in s { k = Swift.min(k, arena.selectivity(lit)) }
        return k
    }

    /// Info of a concatenation: literal runs grow across exact pieces; other pieces close the run.
    /// Every mandatory piece's usable set is kept as a clause of the conjunction. A run that
    /// would grow past the bound closes and the next starts at the new piece; the latest pieces
    /// of the closed run that still join with the new piece give one more set (`restart`, kept
    /// in `extra`): "(in|to|…) (your|the|…) (reply|…)" needs "in the " and "reply", and also
    /// one of "the reply", "your summa"….
    static func sequence(_ items: [LiteralInfo], _ arena: inout LiteralArena) -> LiteralInfo {
        var run: ByteStrings = .emptyText
        // The exact pieces `run` is the product of, in order.
        var runPieces: [ByteStrings] = []
        var extra: [ByteStrings] = []
        var best: ByteStrings? = nil
        var bestKey = 0
        var allExact = true
        var clauses: [ByteStrings] = []
        // `best = better(best, s)` for a usable `s`, with the pick's selectivity kept.
        func consider(_ s: ByteStrings, _ arena: LiteralArena) {
            let k = selectivity(s, arena)
            if let b = best, k == bestKey ? b.count <= s.count : bestKey > k { return }
            best = s
            bestKey = k
        }
        var factors: [ByteStrings] = []
        for item in items {
            if let e = item.exact {
                if allExact, factors.count < maxClauses * 2 {
                    if usable(e, arena) { factors.append(e) }
                    if usable(run, arena) { factors.append(run) }
                }
                // A plain usable run is not joined to `\d` (`foo\d`): the joined texts with a
                // non-ASCII digit would resolve to the sentinel and select all non-ASCII text.
                let keepsPlain = isDigitClass(e, arena) && !run.contains(where: \.placeholder) && usable(run, arena)
                if !keepsPlain, let grown = product(run, e, &arena) {
                    run = grown
                    runPieces.append(e)
                } else {
                    allExact = false
                    if usable(run, arena) { consider(run, arena); clauses.append(run) }
                    if !keepsPlain, let joined = restart(runPieces, e, &arena), usable(joined, arena) { extra.append(joined) }
                    run = e
                    runPieces = [e]
                }
            } else {
                allExact = false
                if usable(run, arena) { consider(run, arena); clauses.append(run) }
                if let r = item.required, usable(r, arena) { consider(r, arena); clauses.append(r) }
                clauses += item.also
                extra += item.extra
                run = .emptyText
                runPieces = []
            }
        }
        if usable(run, arena) { consider(run, arena); clauses.append(run) }
        if !allExact { return LiteralInfo(exact: nil, required: best, also: others(clauses, besides: best, arena), extra: extra) }
        return LiteralInfo(exact: run, required: best, factors: factors)
    }

    /// The texts of the longest tail of `pieces` (the exact pieces of a run that could not take
    /// `e`) joined with `e`, within the bound; nil when no tail of one piece or more joins. The
    /// pieces and `e` are adjacent in the pattern, so every match holds one of these texts.
    static func restart(_ pieces: [ByteStrings], _ e: ByteStrings, _ arena: inout LiteralArena) -> ByteStrings? {
        var from = 1
        while from < pieces.count {
            // A tail whose product would hold too many texts is passed over without joining it.
            var size = e.count
            for p in pieces[from...] { size *= Swift.max(1, p.count) }
            if size <= maxAlternatives {
                var tail: ByteStrings? = .emptyText
                for p in pieces[from...] { tail = tail.flatMap { product($0, p, &arena) } }
                if let tail, let joined = product(tail, e, &arena) { return joined }
            }
            from += 1
        }
        return nil
    }

    /// Whether `s` is what `\d` reads as: the ten ASCII digits and the placeholder.
    static func isDigitClass(_ s: ByteStrings, _ arena: LiteralArena) -> Bool {
        guard s.count == 11 else { return false }
        var seen = 0
        for l in s where l.count == 1 {
            let b = arena.bytes(l)[0]
            if b >= 0x30 && b <= 0x39 || b == NonASCIIGate.placeholder { seen += 1 }
        }
        return seen == 11
    }

    /// The clauses other than `best`, without repeats, most selective first, bounded.
    static func others(_ clauses: [ByteStrings], besides best: ByteStrings?, _ arena: LiteralArena) -> [ByteStrings] {
        guard let best else { return [] }
        // A handful of clauses: a linear search beats hashing whole sets.
        var out: [(set: ByteStrings, key: Int)] = []
        for c in clauses where !c.same(best, arena) && !out.contains(where: { $0.set.same(c, arena) }) {
            out.append((c, selectivity(c, arena)))
        }
        out.sort { $0.key > $1.key || ($0.key == $1.key && $0.set.count < $1.set.count) }
        return out.prefix(maxClauses - 1).map(\.set)
    }

    /// Info of an alternation: a match takes one branch, so each branch must offer a literal.
    static func alternation(_ branches: [LiteralInfo], _ arena: LiteralArena) -> LiteralInfo {
        if branches.count == 1 { return branches[0] }
        // Each union is bounded by the number of distinct texts so far. Texts are gathered with
        // repeats, which can only overcount, and deduplicated only when the overcount would
        // reach the bound: the same decisions as a union per branch, without its quadratic cost.
        var exact = Accumulator(bound: maxAlternatives, expected: branches.count)
        var required = Accumulator(bound: maxRequired, expected: branches.count)
        for b in branches {
            exact.add(b.exact, arena)
            required.add(better(b.exact, b.required, arena), arena)
        }
        var req = required.result(arena)
        if req == nil, !required.sawNil { req = fewerTexts(branches, arena) }
        if !usable(req, arena) { req = nil }
        return LiteralInfo(exact: exact.result(arena), required: req)
    }

    /// The union of a required set per branch within `maxRequired` texts, when the branches' own
    /// sets are too many (long exact products such as "break into a house"): the branch with the
    /// most texts gives a smaller set (`smallSet`), again and again, so the few big branches
    /// shrink and the many small ones keep their own.
    static func fewerTexts(_ branches: [LiteralInfo], _ arena: LiteralArena) -> ByteStrings? {
        var current: [ByteStrings] = []
        current.reserveCapacity(branches.count)
        var total = 0
        for b in branches {
            guard let own = better(b.exact, b.required, arena) else { return nil }
            current.append(own)
            total += own.count
        }
        // Branches that cannot shrink further (computed lazily: most are never the widest).
        var settled = [Bool](repeating: false, count: branches.count)
        while total > maxRequired {
            var widest = -1, widestCount = 0
            for i in current.indices where !settled[i] && current[i].count > widestCount {
                widest = i
                widestCount = current[i].count
            }
            guard widest >= 0 else { return nil }
            // The next smaller budget that gives fewer texts than now.
            var smaller: ByteStrings? = nil
            for k in [8, 4, 2, 1] where k < widestCount {
                if let s = smallSet(branches[widest], atMost: k, arena), s.count < widestCount { smaller = s; break }
            }
            guard let smaller else { settled[widest] = true; continue }
            current[widest] = smaller
            total += smaller.count - widestCount
        }
        var shared = Accumulator(bound: maxRequired, expected: branches.count)
        for s in current { shared.add(s, arena) }
        return shared.result(arena)
    }

    /// A required set of `branch` with at most `k` texts, the most selective such, chosen from
    /// its own set, its other clauses and parts, and their prefixes; the smallest when none is
    /// that small.
    static func smallSet(_ branch: LiteralInfo, atMost k: Int, _ arena: LiteralArena) -> ByteStrings? {
        guard let own = better(branch.exact, branch.required, arena) else { return nil }
        if own.count <= k { return own }
        var pick: ByteStrings? = nil, pickKey = -1
        var smallest = own
        for c in [own] + branch.also + branch.factors where usable(c, arena) {
            for s in [c, prefixes(c, atMost: k, arena)] {
                if s.count < smallest.count || (s.count == smallest.count && selectivity(s, arena) > selectivity(smallest, arena)) { smallest = s }
                guard s.count <= k else { continue }
                let key = selectivity(s, arena)
                if key > pickKey || (key == pickKey && s.count < pick!.count) { pick = s; pickKey = key }
            }
        }
        // A short literal opens the gate on almost any text: rather more texts than that.
        if let p = pick, pickKey >= goodSelectivity { return p }
        var good: ByteStrings? = nil
        for c in [own] + branch.also + branch.factors where usable(c, arena) {
            for s in [c, prefixes(c, atMost: k, arena), prefixes(c, atMost: 2 * k, arena)] where selectivity(s, arena) >= goodSelectivity {
                if good == nil || s.count < good!.count { good = s }
            }
        }
        return good ?? pick ?? smallest
    }

    /// Selectivity below which `smallSet` would rather keep more texts.
    static let goodSelectivity = 5

    /// At most `k` texts every text of `s` begins with: their prefixes of the longest length
    /// that gives no more than `k` (a text shorter than it is kept whole); the `minLength`
    /// prefixes when even those are more. Every text holds one, so the set is still required.
    static func prefixes(_ s: ByteStrings, atMost k: Int, _ arena: LiteralArena) -> ByteStrings {
        guard s.count > k else { return s }
        // The prefixes of length `n`, or nil when there are more than `bound`.
        func cut(_ n: Int, bound: Int) -> [Lit]? {
            var out: [Lit] = []
            for lit in s.items {
                let m = Swift.min(n, Int(lit.count))
                let p = Lit(start: lit.start, count: Int32(m), placeholder: lit.placeholder && arena.bytes(lit)[..<m].contains(NonASCIIGate.placeholder))
                if !out.contains(where: { arena.equal($0, p) }) {
                    if out.count == bound { return nil }
                    out.append(p)
                }
            }
            return out
        }
        func cut(_ n: Int) -> [Lit]? { cut(n, bound: k) }
        // Longer prefixes are never fewer: search the longest length that gives at most `k`;
        // when even the shortest give more, those are still fewer than `s`.
        guard var best = cut(minLength) else { return ByteStrings(cut(minLength, bound: s.count)!, in: arena) }
        var lo = minLength, hi = s.items.reduce(0) { Swift.max($0, Int($1.count)) }
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if let c = cut(mid) { best = c; lo = mid } else { hi = mid - 1 }
        }
        return ByteStrings(best, in: arena)
    }

    /// The union of sets added one by one, given up (nil) as soon as a set is nil or the union
    /// would exceed `bound`.
    struct Accumulator {
        let bound: Int
        /// Texts expected in all (one per branch, most often): reserved on the first add.
        let expected: Int
        var lits: [Lit] = []
        var failed = false
        /// Whether the failure came from a branch without a set (not from the bound).
        var sawNil = false
        /// Whether `lits` holds no repeats (its count is then the union's size).
        var unique = true

        mutating func add(_ s: ByteStrings?, _ arena: LiteralArena) {
            guard !failed else { return }
            guard let s else { failed = true; sawNil = true; lits = []; return }
            if lits.count + s.count > bound, !unique {
                lits = ByteStrings(lits, in: arena).items
                unique = true
            }
            guard lits.count + s.count <= bound else { failed = true; lits = []; return }
            if lits.isEmpty {
                lits.reserveCapacity(Swift.min(bound, Swift.max(expected, s.count)))
            } else if !s.isEmpty {
                unique = false
            }
            lits += s.items
        }

        func result(_ arena: LiteralArena) -> ByteStrings? {
            // `unique` holds only while `lits` is one set's items or a deduplicated union: sorted.
            failed ? nil : (unique ? ByteStrings(sortedUnique: lits) : ByteStrings(lits, in: arena))
        }
    }

    /// Info of `piece{min,max}`, appended to `items`. Repeats of at least one keep the piece's
    /// literal requirement, and an exact piece still joins the run before it (first copy) and
    /// after it (last copy).
    static func repeated(_ piece: LiteralInfo, min: Int, max: Int?, _ arena: LiteralArena, into items: inout [LiteralInfo]) {
        // `x?` of an exact piece is the empty text or x: it still joins the run (`instructions?\s`
        // gives "instruction " and "instructions ").
        if min == 0, max == 1, let e = piece.exact, e.count < maxAlternatives {
            items.append(LiteralInfo(exact: ByteStrings.emptyText.union(e, arena), required: nil))
            return
        }
        if min == 0 { items.append(.opaque); return }
        if let e = piece.exact {
            if max == min, min <= 4 {
                for _ in 0..<min { items.append(piece) }
                return
            }
            // first copy, an opaque middle, last copy: "ab+c" still requires "ab" and "bc".
            items.append(LiteralInfo(exact: e, required: nil))
            items.append(.opaque)
            items.append(LiteralInfo(exact: e, required: nil))
            return
        }
        items.append(LiteralInfo(exact: nil, required: better(piece.required, nil, arena), also: piece.also, extra: piece.extra))
    }
}

/// A set of literals (slices of one `LiteralArena`), kept as an array sorted by content without
/// repeats.
///
/// Only membership, size and contents are ever read (never an iteration order that a hashed
/// set would leave unspecified), so the extracted literals do not depend on the representation.
struct ByteStrings: Sequence {
    private(set) var items: [Lit]

    /// The set holding only the empty text (the unit of `product`).
    static let emptyText = ByteStrings(sortedUnique: [.empty])

    init(single: Lit) { items = [single] }

    /// The set of `lits`, given in any order and with repeats.
    init(_ lits: [Lit], in arena: LiteralArena) {
        if lits.count <= 1 { items = lits; return }
        // Ordered by each literal's first eight bytes as one number, the whole texts compared
        // only on a tie: the same order as `precedes`, with fewer byte reads per comparison.
        var keyed = lits.map { (key: arena.prefixKey($0), lit: $0) }
        func before(_ a: (key: UInt64, lit: Lit), _ b: (key: UInt64, lit: Lit)) -> Bool {
            a.key != b.key ? a.key < b.key : arena.precedes(a.lit, b.lit)
        }
        // Products and unions of sorted sets often come out sorted already: kept as they are
        // (what sorting and dropping repeats would leave).
        var ascending = true
        for k in 1..<keyed.count where !before(keyed[k - 1], keyed[k]) { ascending = false; break }
        if ascending { items = lits; return }
        keyed.sort(by: before)
        var out: [Lit] = []
        out.reserveCapacity(keyed.count)
        var last = keyed[0]
        out.append(last.lit)
        for e in keyed.dropFirst() where e.key != last.key || !arena.equal(last.lit, e.lit) {
            out.append(e.lit)
            last = e
        }
        items = out
    }

    /// Items already sorted by content and without repeats.
    fileprivate init(sortedUnique: [Lit]) { items = sortedUnique }

    /// The same texts with each literal moved by `move` (to another arena or offset; `move`
    /// must keep each literal's bytes, so the order holds).
    func remapped(_ move: (Lit) -> Lit) -> ByteStrings { ByteStrings(sortedUnique: items.map(move)) }

    var count: Int { items.count }
    /// The length of the longest text.
    var longest: Int { items.reduce(0) { Swift.max($0, Int($1.count)) } }
    var isEmpty: Bool { items.isEmpty }
    var first: Lit? { items.first }
    /// Whether this is the set holding only the empty text.
    var isEmptyText: Bool { items.count == 1 && items[0].count == 0 }
    func makeIterator() -> IndexingIterator<[Lit]> { items.makeIterator() }

    /// Whether both sets hold the same texts.
    func same(_ other: ByteStrings, _ arena: LiteralArena) -> Bool {
        guard items.count == other.items.count else { return false }
        for k in items.indices where !arena.equal(items[k], other.items[k]) { return false }
        return true
    }

    /// Both sets together, by merging the two sorted arrays.
    func union(_ other: ByteStrings, _ arena: LiteralArena) -> ByteStrings {
        if other.items.isEmpty { return self }
        if items.isEmpty { return other }
        var out: [Lit] = []
        out.reserveCapacity(items.count + other.items.count)
        var i = 0, j = 0
        while i < items.count, j < other.items.count {
            let a = items[i], b = other.items[j]
            if arena.equal(a, b) {
                out.append(a); i += 1; j += 1
            } else if arena.precedes(a, b) {
                out.append(a); i += 1
            } else {
                out.append(b); j += 1
            }
        }
        out += items[i...]
        out += other.items[j...]
        return ByteStrings(sortedUnique: out)
    }
}
