import ParapetText

/// The scan-time half of the prefilter: the literal pass and the questions the engine asks.
extension Prefilter {
    /// An empty candidate bitset: one row of unit bits per view kind.
    func emptyCandidates() -> [UInt64] { [UInt64](repeating: 0, count: 4 * unitWords) }

    /// Runs the literal pass over every view of `kinds`, marking selected units in `candidates`.
    /// A view whose bytes equal the previous kind's (compact text with nothing to join) is not
    /// read twice: the earlier pass marks for both kinds.
    func select(_ kinds: [ViewKind], in views: ViewSet, into candidates: inout [UInt64]) {
        var pending: (bytes: [UInt8], mask: UInt8)? = nil
        for kind in kinds {
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

    /// Marks in `candidates` every unit a literal in `view` selects.
    func mark(_ view: TextView, into candidates: inout [UInt64]) {
        mark(view.bytes, mask: Self.bit(view.kind), into: &candidates)
    }

    /// Marks, for each view kind in `viewBits` the owner also reads, the units whose literals
    /// occur in `bytes`.
    func mark(_ bytes: [UInt8], mask viewBits: UInt8, into candidates: inout [UInt64]) {
        let words = unitWords
        bytes.withUnsafeBufferPointer { buf in
            candidates.withUnsafeMutableBufferPointer { bits in
                func set(_ o: Owner) {
                    var m = o.views & viewBits
                    while m != 0 {
                        let k = m.trailingZeroBitCount
                        bits[k * words + Int(o.unit) >> 6] |= 1 << UInt64(o.unit & 63)
                        m &= m - 1
                    }
                }
                owners.withUnsafeBufferPointer { owners in
                    automaton.scan(buf) { id, end in
                        if let exact = exactCase[Int(id)] {
                            // Case-sensitive literal: the folded hit must also match its case.
                            let start = end - exact.count
                            guard start >= 0 else { return }
                            for k in 0..<exact.count where buf[start + k] != exact[k] { return }
                        }
                        for o in owners[Int(id)] { set(o) }
                    }
                }
                if nonASCIIViews & viewBits != 0, NonASCIIGate.hasNonASCII(buf) {
                    for o in nonASCIIOwners { set(o) }
                }
            }
        }
    }

    /// Whether every unit of `group` was marked on view kind row `k`.
    @inline(__always)
    static func allMarked(_ group: Range<Int32>, row k: Int, words: Int, in candidates: [UInt64]) -> Bool {
        for u in group where candidates[k * words + Int(u) >> 6] & (1 << UInt64(u & 63)) == 0 { return false }
        return true
    }

    /// Whether some group of rule `index` had all its clauses marked on one view kind.
    @inline(__always)
    func anySelected(_ index: Int, in candidates: [UInt64]) -> Bool {
        for g in ruleGroups[index] {
            let group = groups[Int(g)]
            for k in 0..<4 where Self.allMarked(group, row: k, words: unitWords, in: candidates) { return true }
        }
        return false
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
