import ParapetText

/// The scan-time half of the prefilter: the literal pass and the questions the engine asks.
extension Prefilter {
    /// An empty candidate bitset: one row of unit bits per view kind.
    func emptyCandidates() -> [UInt64] { [UInt64](repeating: 0, count: 4 * unitWords) }

    /// Runs the literal pass over every view of `kinds`, marking selected units in `candidates`.
    /// A view whose bytes equal the previous kind's (compact text with nothing to join) is not
    /// read twice: the earlier pass marks for both kinds. When the canonical view is the raw
    /// text lower-cased (`sharedRawPass`), one pass over it marks raw and canonical together.
    func select(_ kinds: [ViewKind], in views: ViewSet, shareRawPass: Bool = true, into candidates: inout [UInt64]) {
        var pending: (bytes: [UInt8], mask: UInt8)? = nil
        var skip: UInt8 = 0
        if shareRawPass, kinds.contains(.raw), kinds.contains(.canonical), let canonical = sharedRawPass(views) {
            markShared(raw: views.original, canonical: canonical, into: &candidates)
            skip = Self.bit(.raw) | Self.bit(.canonical)
        }
        for kind in kinds where Self.bit(kind) & skip == 0 {
            for view in views.views(kind) {
                if let p = pending, kind == .compact, p.bytes == view.bytes {
                    pending = (p.bytes, p.mask | Self.bit(kind))
                    continue
                }
                if let p = pending { mark(p.bytes, mask: p.mask, into: &candidates) }
                pending = (view.bytes, Self.bit(kind))
            }
        }
        if let p = pending { mark(p.bytes, mask: p.mask, into: &candidates) }
    }

    /// The canonical bytes when one literal pass over them can also mark the raw view: the
    /// input is ASCII and its canonical view removed nothing, so canonical byte `i` is raw byte
    /// `i` lower-cased, or a space where raw has a whitespace control byte. Every literal found
    /// in raw (case folded) is then found at the same place in canonical, since no literal holds
    /// such a byte (`sharesRawPass`); a literal with a space found in canonical may be absent
    /// from raw, which only marks a raw unit that PCRE2 then rules out.
    func sharedRawPass(_ views: ViewSet) -> [UInt8]? {
        guard sharesRawPass else { return nil }
        let raw = views.original
        // Cheap test first: a non-ASCII input never qualifies, and then the canonical view (and
        // its Unicode tables) is still built only if some rule needs it.
        let ascii = raw.withUnsafeBufferPointer { !NonASCIIGate.hasNonASCII($0) }
        guard ascii, let canonical = views.views(.canonical).first, canonical.map.isIdentity,
              canonical.bytes.count == raw.count else { return nil }
        return canonical.bytes
    }

    /// Marks in `candidates` every unit a literal in `view` selects.
    func mark(_ view: TextView, into candidates: inout [UInt64]) {
        mark(view.bytes, mask: Self.bit(view.kind), into: &candidates)
    }

    /// Marks, for each view kind in `viewBits` the owner also reads, the units whose literals
    /// occur in `bytes`.
    func mark(_ bytes: [UInt8], mask viewBits: UInt8, into candidates: inout [UInt64]) {
        bytes.withUnsafeBufferPointer { buf in
            mark(buf, exact: buf, mask: viewBits, exactMask: viewBits, raw: buf, rawMask: 0, into: &candidates)
        }
        if nonASCIIViews & viewBits != 0, bytes.withUnsafeBufferPointer({ NonASCIIGate.hasNonASCII($0) }) {
            markNonASCII(viewBits, into: &candidates)
        }
    }

    /// One pass over `canonical` marking raw and canonical units (see `sharedRawPass`): a
    /// case-folded literal marks both kinds, a case-checked one each kind whose own bytes hold
    /// it in its case. Both views are ASCII, so no unit of the non-ASCII sentinel is marked.
    func markShared(raw: [UInt8], canonical: [UInt8], into candidates: inout [UInt64]) {
        let both = Self.bit(.raw) | Self.bit(.canonical)
        canonical.withUnsafeBufferPointer { c in
            raw.withUnsafeBufferPointer { r in
                mark(c, exact: c, mask: both, exactMask: Self.bit(.canonical), raw: r, rawMask: Self.bit(.raw), ascii: true, into: &candidates)
            }
        }
    }

    /// The literal pass over `buf`. A case-folded literal marks `mask`; a case-checked literal
    /// marks `exactMask` when `exact` holds it in its case at the hit, and `rawMask` when `raw`
    /// does (`exact` and `raw` share `buf`'s offsets).
    ///
    /// Marking only sets bits, so a state whose literals are all case-folded marks the same bits
    /// every time it recurs: it is handled on its first hit only (`done`, one bit per state).
    /// Prose reaches the states of ` the `, ` to `, `you` hundreds of times per 2 KB.
    private func mark(_ buf: UnsafeBufferPointer<UInt8>, exact: UnsafeBufferPointer<UInt8>, mask: UInt8, exactMask: UInt8,
                      raw: UnsafeBufferPointer<UInt8>, rawMask: UInt8, ascii: Bool = false, into candidates: inout [UInt64]) {
        let words = unitWords
        let stateWords = (automaton.stateCount + 63) >> 6
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: stateWords) { done in
            done.initialize(repeating: 0)
            candidates.withUnsafeMutableBufferPointer { bits in
                ownerStart.withUnsafeBufferPointer { ownerStart in
                    ownerList.withUnsafeBufferPointer { owners in
                        exactStart.withUnsafeBufferPointer { exactStart in
                            exactBytes.withUnsafeBufferPointer { exactBytes in
                                automaton.outStart.withUnsafeBufferPointer { outStart in
                                    automaton.outputs.withUnsafeBufferPointer { outputs in
                                        func hit(_ s: Int, _ end: Int) {
                                            let w = s >> 6, bit: UInt64 = 1 << UInt64(s & 63)
                                            if done[w] & bit != 0 { return }
                                            var plain = true
                                            for k in Int(outStart[s])..<Int(outStart[s + 1]) {
                                                let id = Int(outputs[k])
                                                var viewBits = mask
                                                let e0 = Int(exactStart[id]), e1 = Int(exactStart[id + 1])
                                                if e0 != e1 {
                                                    // Case-checked literal: the folded hit must also match its case.
                                                    plain = false
                                                    let start = end - (e1 - e0)
                                                    guard start >= 0 else { continue }
                                                    viewBits = 0
                                                    if Self.holds(exact, at: start, exactBytes, e0..<e1) { viewBits |= exactMask }
                                                    if rawMask != 0, Self.holds(raw, at: start, exactBytes, e0..<e1) { viewBits |= rawMask }
                                                    if viewBits == 0 { continue }
                                                }
                                                for k in Int(ownerStart[id])..<Int(ownerStart[id + 1]) {
                                                    Self.markOwner(owners[k], viewBits, words: words, in: bits)
                                                }
                                            }
                                            if plain { done[w] |= bit }
                                        }
                                        if ascii { automaton.scanStatesASCII(buf, hit) } else { automaton.scanStates(buf, hit) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Sets owner `o`'s unit bit on the row of each view kind in `viewBits` it reads.
    @inline(__always)
    private static func markOwner(_ o: Owner, _ viewBits: UInt8, words: Int, in bits: UnsafeMutableBufferPointer<UInt64>) {
        var m = o.views & viewBits
        let w = Int(o.unit) >> 6, bit: UInt64 = 1 << UInt64(o.unit & 63)
        while m != 0 {
            bits[m.trailingZeroBitCount * words + w] |= bit
            m &= m - 1
        }
    }

    /// Whether `text[start...]` begins with `lit[range]`, byte for byte.
    @inline(__always)
    private static func holds(_ text: UnsafeBufferPointer<UInt8>, at start: Int, _ lit: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        var i = start
        for k in range {
            if text[i] != lit[k] { return false }
            i += 1
        }
        return true
    }

    /// Marks the units of the non-ASCII sentinel for the view kinds in `viewBits`.
    private func markNonASCII(_ viewBits: UInt8, into candidates: inout [UInt64]) {
        let words = unitWords
        candidates.withUnsafeMutableBufferPointer { bits in
            for o in nonASCIIOwners { Self.markOwner(o, viewBits, words: words, in: bits) }
        }
    }

    /// Whether every unit of `group` was marked on view kind row `k`.
    @inline(__always)
    static func allMarked(_ group: Range<Int32>, row k: Int, words: Int, in candidates: [UInt64]) -> Bool {
        for u in group where candidates[k * words + Int(u) >> 6] & (1 << UInt64(u & 63)) == 0 { return false }
        return true
    }

    /// Bitset over rule indices: the rules with a unit marked on some view kind (plus those with
    /// an empty group). Only they can pass `anySelected`, so the scan loop asks only them; the
    /// loop visits the few set bits of the marked units rather than every rule's groups.
    func touchedRules(_ candidates: [UInt64]) -> [UInt64] {
        var touched = vacuous
        let words = unitWords
        touched.withUnsafeMutableBufferPointer { t in
            candidates.withUnsafeBufferPointer { c in
                unitRule.withUnsafeBufferPointer { unitRule in
                    for w in 0..<words {
                        var m = c[w] | c[words + w] | c[2 * words + w] | c[3 * words + w]
                        while m != 0 {
                            let r = Int(unitRule[w << 6 | m.trailingZeroBitCount])
                            t[r >> 6] |= 1 << UInt64(r & 63)
                            m &= m - 1
                        }
                    }
                }
            }
        }
        return touched
    }

    /// Per unit: the view-kind rows (bit k = row k) on which it was marked. Built once per scan
    /// from the marked bits alone, so `anySelected(_:unitRows:)` reads one byte per unit
    /// instead of testing four rows of the bitset.
    func unitRows(_ candidates: [UInt64]) -> [UInt8] {
        var rows = [UInt8](repeating: 0, count: unitCount)
        let words = unitWords
        rows.withUnsafeMutableBufferPointer { r in
            candidates.withUnsafeBufferPointer { c in
                for k in 0..<4 {
                    for w in 0..<words {
                        var m = c[k * words + w]
                        while m != 0 {
                            r[w << 6 | m.trailingZeroBitCount] |= 1 << UInt8(k)
                            m &= m - 1
                        }
                    }
                }
            }
        }
        return rows
    }

    /// `anySelected(_:in:)` read off `unitRows(_:)` of the same candidates.
    @inline(__always)
    func anySelected(_ index: Int, unitRows: UnsafeBufferPointer<UInt8>) -> Bool {
        groups.withUnsafeBufferPointer { groups in
            for g in ruleGroups[index] {
                let units = groups[Int(g)]
                var rows: UInt8 = 0b1111
                var u = Int(units.lowerBound)
                let end = Int(units.upperBound)
                while u < end, rows != 0 {
                    rows &= unitRows[u]
                    u += 1
                }
                if rows != 0 { return true }
            }
            return false
        }
    }

    /// Whether some group of rule `index` had all its clauses marked on one view kind. Units
    /// are checked on all four rows at once, so most rules are dropped after one unit.
    @inline(__always)
    func anySelected(_ index: Int, in candidates: [UInt64]) -> Bool {
        let words = unitWords
        return candidates.withUnsafeBufferPointer { c in
            groups.withUnsafeBufferPointer { groups in
                for g in ruleGroups[index] {
                    var rows: UInt8 = 0b1111
                    for u in groups[Int(g)] {
                        let w = Int(u) >> 6, bit: UInt64 = 1 << UInt64(u & 63)
                        var m = rows
                        while m != 0 {
                            let k = m.trailingZeroBitCount
                            if c[k * words + w] & bit == 0 { rows &= ~(1 << UInt8(k)) }
                            m &= m - 1
                        }
                        if rows == 0 { break }
                    }
                    if rows != 0 { return true }
                }
                return false
            }
        }
    }

    /// The gate of one selected rule, handed to the evaluator.
    func gate(for index: Int, candidates: [UInt64]) -> PatternGate {
        PatternGate(candidates: candidates, groups: groups, words: unitWords, first: Int(ruleGroups[index].lowerBound), perPattern: unitPerPattern[index])
    }

    /// Rule indices with at least one unit marked (for tests and tools).
    func selectedRules(_ candidates: [UInt64]) -> Set<Int> {
        Set(ruleGroups.indices.filter { !ruleGroups[$0].isEmpty && anySelected($0, in: candidates) })
    }

    /// Size of the literal automaton (for benchmarks and lint reports).
    public var automatonStates: Int { automaton.stateCount }
}

/// Which patterns of one rule may match on which view kind, read off the literal pass.
struct PatternGate {
    let candidates: [UInt64]
    let groups: [Range<Int32>]
    let words: Int
    let first: Int
    let perPattern: Bool

    /// Whether pattern `pattern` (or the rule's detector, pattern 0) can match a view of `kind`:
    /// every clause of its group occurred in a view of that kind.
    @inline(__always)
    func allows(_ kind: ViewKind, pattern: Int) -> Bool {
        let g = groups[first + (perPattern ? pattern : 0)]
        return Prefilter.allMarked(g, row: Int(Prefilter.bit(kind).trailingZeroBitCount), words: words, in: candidates)
    }

    /// Whether any of the rule's first `patterns` patterns can match a view of `kind`; skipping
    /// a kind early also avoids building its views.
    @inline(__always)
    func allowsAny(_ kind: ViewKind, patterns: Int) -> Bool {
        for k in 0..<(perPattern ? patterns : 1) where allows(kind, pattern: k) { return true }
        return false
    }
}
