import ParapetText

/// The scan-time half of the prefilter: the literal pass and the questions the engine asks.
/// The pass marks into a reused `LiteralScratch` (one row byte per unit, plus the list of
/// units it marked), so its cost follows the literals found, not the size of the pack.
extension Prefilter {
    /// A fresh scratch sized for this prefilter (the engine reuses them through a pool).
    func makeScratch() -> LiteralScratch { LiteralScratch(units: unitCount, states: automatonStates, ruleWords: vacuous.count) }

    /// An empty candidate bitset: one row of unit bits per view kind (the form tests and tools read).
    func emptyCandidates() -> [UInt64] { [UInt64](repeating: 0, count: 4 * unitWords) }

    /// Sets in `candidates` the bits of every unit `scratch` marked, on each row it was marked on.
    func addMarks(of scratch: LiteralScratch, to candidates: inout [UInt64]) {
        let words = unitWords
        for u in scratch.markedUnits {
            var m = scratch.rows[Int(u)]
            while m != 0 {
                candidates[m.trailingZeroBitCount * words + Int(u) >> 6] |= 1 << UInt64(u & 63)
                m &= m - 1
            }
        }
    }

    /// `select(_:in:shareRawPass:into:)` into a candidate bitset.
    func select(_ kinds: [ViewKind], in views: ViewSet, shareRawPass: Bool = true, into candidates: inout [UInt64]) {
        let scratch = makeScratch()
        select(kinds, in: views, shareRawPass: shareRawPass, into: scratch)
        addMarks(of: scratch, to: &candidates)
    }

    /// Runs the literal pass over every view of `kinds`, marking selected units in `scratch`.
    /// A view whose bytes equal the previous kind's (compact text with nothing to join) is not
    /// read twice: the earlier pass marks for both kinds. When one pass over the canonical view
    /// can stand for the raw pass too (`sharedRawPass`), it marks raw and canonical together.
    func select(_ kinds: [ViewKind], in views: ViewSet, shareRawPass: Bool = true, into scratch: LiteralScratch) {
        var pending: (bytes: [UInt8], mask: UInt8)? = nil
        var skip: UInt8 = 0
        if shareRawPass, kinds.contains(.raw), kinds.contains(.canonical), let canonical = sharedRawPass(views) {
            markShared(raw: views.original, canonical: canonical.bytes, starts: canonical.starts, into: scratch)
            skip = Self.bit(.raw) | Self.bit(.canonical)
        }
        for kind in kinds where Self.bit(kind) & skip == 0 {
            for view in views.views(kind) {
                if let p = pending, kind == .compact, p.bytes == view.bytes {
                    pending = (p.bytes, p.mask | Self.bit(kind))
                    continue
                }
                if let p = pending { mark(p.bytes, mask: p.mask, into: scratch) }
                pending = (view.bytes, Self.bit(kind))
            }
        }
        if let p = pending { mark(p.bytes, mask: p.mask, into: scratch) }
    }

    /// The canonical bytes when one literal pass over them can also mark the raw view, with the
    /// raw offset of each canonical byte when the view dropped some (nil: the same offsets).
    ///
    /// The input must be ASCII. Its canonical view lower-cases, turns whitespace control bytes
    /// into spaces, and drops control bytes, leading whitespace and whitespace after whitespace.
    /// A literal found in raw (case folded) is then found in canonical at the image of the same
    /// bytes: no literal holds a whitespace control byte (`sharesRawPass`) or two spaces
    /// (`sharesCollapsedRawPass`), so none spans a byte the view drops, except a leading space
    /// within leading whitespace, and a raw text that opens with whitespace takes separate
    /// passes. A literal with a space found in canonical may be absent from raw, which only
    /// marks a raw unit that PCRE2 then rules out.
    func sharedRawPass(_ views: ViewSet) -> (bytes: [UInt8], starts: [Int32]?)? {
        guard sharesRawPass else { return nil }
        let raw = views.original
        // Cheap test first: a non-ASCII input never qualifies, and then the canonical view (and
        // its Unicode tables) is still built only if some rule needs it.
        let ascii = raw.withUnsafeBufferPointer { !NonASCIIGate.hasNonASCII($0) }
        guard ascii, let canonical = views.views(.canonical).first else { return nil }
        if canonical.map.isIdentity, canonical.bytes.count == raw.count { return (canonical.bytes, nil) }
        guard sharesCollapsedRawPass, let first = raw.first, first > 0x20, first < 0x7F,
              let starts = canonical.map.starts, starts.count == canonical.bytes.count else { return nil }
        return (canonical.bytes, starts)
    }

    /// Marks in `candidates` every unit a literal in `view` selects.
    func mark(_ view: TextView, into candidates: inout [UInt64]) {
        mark(view.bytes, mask: Self.bit(view.kind), into: &candidates)
    }

    /// `mark(_:mask:into:)` into a candidate bitset.
    func mark(_ bytes: [UInt8], mask viewBits: UInt8, into candidates: inout [UInt64]) {
        let scratch = makeScratch()
        mark(bytes, mask: viewBits, into: scratch)
        addMarks(of: scratch, to: &candidates)
    }

    /// Marks, for each view kind in `viewBits` the owner also reads, the units whose literals
    /// occur in `bytes`.
    func mark(_ bytes: [UInt8], mask viewBits: UInt8, into scratch: LiteralScratch) {
        // An ASCII text takes the automaton's ASCII loop (eight bytes a round, halves side by side).
        let nonASCII = bytes.withUnsafeBufferPointer { NonASCIIGate.hasNonASCII($0) }
        bytes.withUnsafeBufferPointer { buf in
            mark(buf, exact: buf, mask: viewBits, exactMask: viewBits, raw: buf, rawMask: 0, ascii: !nonASCII, into: scratch)
            // Only a non-ASCII text can hold a literal with a byte ≥ 0x80.
            if nonASCII, wideAutomaton.literalCount > 0 {
                mark(buf, exact: buf, mask: viewBits, exactMask: viewBits, raw: buf, rawMask: 0, wide: true, into: scratch)
            }
        }
        if nonASCIIViews & viewBits != 0, nonASCII {
            markNonASCII(viewBits, into: scratch)
        }
    }

    /// One pass over `canonical` marking raw and canonical units (see `sharedRawPass`): a
    /// case-folded literal marks both kinds, a case-checked one each kind whose own bytes hold
    /// it in its case. Both views are ASCII, so no unit of the non-ASCII sentinel is marked.
    func markShared(raw: [UInt8], canonical: [UInt8], starts: [Int32]?, into scratch: LiteralScratch) {
        let both = Self.bit(.raw) | Self.bit(.canonical)
        canonical.withUnsafeBufferPointer { c in
            raw.withUnsafeBufferPointer { r in
                (starts ?? []).withUnsafeBufferPointer { s in
                    mark(c, exact: c, mask: both, exactMask: Self.bit(.canonical), raw: r, rawMask: Self.bit(.raw),
                         rawStarts: starts == nil ? nil : s, ascii: true, into: scratch)
                }
            }
        }
    }

    /// The literal pass over `buf`. A case-folded literal marks `mask`; a case-checked literal
    /// marks `exactMask` when `exact` holds it in its case at the hit, and `rawMask` when `raw`
    /// does (`exact` shares `buf`'s offsets; `raw` too, or `rawStarts` gives each one's raw offset).
    ///
    /// Marking only sets bits, so a state whose literals are all case-folded marks the same bits
    /// every time it recurs: it is handled on its first hit with these view bits only
    /// (`doneMask`). Prose reaches the states of ` the `, ` to `, `you` hundreds of times per 2 KB.
    /// The automaton hands over a chunk's hits at a time; a repeat costs one table look-up here.
    /// With `wide`, the pass runs `wideAutomaton` (whose states follow `automaton`'s in the
    /// per-state tables) instead of `automaton`.
    private func mark(_ buf: UnsafeBufferPointer<UInt8>, exact: UnsafeBufferPointer<UInt8>, mask: UInt8, exactMask: UInt8,
                      raw: UnsafeBufferPointer<UInt8>, rawMask: UInt8, rawStarts: UnsafeBufferPointer<Int32>? = nil,
                      ascii: Bool = false, wide: Bool = false, into scratch: LiteralScratch) {
        let rows = scratch.rows.baseAddress!, marked = scratch.marked
        let base = wide ? wideStateBase : 0, done = scratch.doneMask.baseAddress! + base
        let doneStates = scratch.doneStates, count = scratch.count, hits = scratch.hits
        let ac = wide ? wideAutomaton : automaton
        stateOwnerStart.withUnsafeBufferPointer { stateOwnerStart in
            stateOwners.withUnsafeBufferPointer { stateOwners in
                checkedStates.withUnsafeBufferPointer { checked in
                    ac.forEachHitChunk(buf, ascii: ascii, done: done, mask: mask, hits: hits) { n in
                        var k = 0
                        while k < n {
                            // `done` is already offset; the shared per-state tables take the global state.
                            let local = hits[k], s = local &+ base
                            let handled = done[local]
                            // A state may recur within the chunk after its first hit was handled.
                            if handled & mask != mask {
                                if checked[s >> 6] >> UInt64(s & 63) & 1 == 0 {
                                    // All case-folded: mark once, and skip the state's later hits.
                                    Self.mark(stateOwners.baseAddress!, Int(stateOwnerStart[s]), Int(stateOwnerStart[s &+ 1]), mask,
                                              rows: rows, marked: marked, count: count)
                                    if handled == 0 { doneStates[count[1]] = Int32(s); count[1] &+= 1 }
                                    done[local] = handled | mask
                                } else {
                                    // Its case-folded literals once (high bits), the checked ones at every hit.
                                    if (handled >> 4) & mask != mask {
                                        Self.mark(stateOwners.baseAddress!, Int(stateOwnerStart[s]), Int(stateOwnerStart[s &+ 1]), mask,
                                                  rows: rows, marked: marked, count: count)
                                        if handled == 0 { doneStates[count[1]] = Int32(s); count[1] &+= 1 }
                                        done[local] = handled | mask << 4
                                    }
                                    markChecked(local, of: ac, idBase: wide ? wideIDBase : 0, end: hits[k &+ 1], buf: exact, mask: mask,
                                                exactMask: exactMask, raw: raw, rawMask: rawMask, rawStarts: rawStarts, into: scratch)
                                }
                            }
                            k &+= 2
                        }
                    }
                }
            }
        }
    }

    /// Marks `owners[from..<to]` for the view kinds in `viewBits` each reads (see `markOwner`).
    @inline(__always)
    private static func mark(_ owners: UnsafePointer<Owner>, _ from: Int, _ to: Int, _ viewBits: UInt8, rows: UnsafeMutablePointer<UInt8>,
                             marked: UnsafeMutablePointer<Int32>, count: UnsafeMutablePointer<Int>) {
        var n = count[0], k = from
        while k < to {
            let o = owners[k]
            k &+= 1
            let m = o.views & viewBits
            if m == 0 { continue }
            let u = Int(o.unit)
            let old = rows[u]
            if old == 0 { marked[n] = o.unit; n &+= 1 }
            rows[u] = old | m
        }
        count[0] = n
    }

    /// A hit of state `s` of `ac` (whose literal ids start at `idBase`), which ends a
    /// case-checked literal: each such literal checked in its case where it must be, at this hit
    /// (`mark(_:exact:…)` explains the masks); the state's case-folded literals are marked by the
    /// caller.
    @inline(never)
    private func markChecked(_ s: Int, of ac: AhoCorasick, idBase: Int32, end: Int, buf exact: UnsafeBufferPointer<UInt8>, mask: UInt8,
                             exactMask: UInt8, raw: UnsafeBufferPointer<UInt8>, rawMask: UInt8, rawStarts: UnsafeBufferPointer<Int32>?,
                             into scratch: LiteralScratch) {
        let rows = scratch.rows, marked = scratch.marked, count = scratch.count
        ownerStart.withUnsafeBufferPointer { ownerStart in
            ownerList.withUnsafeBufferPointer { owners in
                exactStart.withUnsafeBufferPointer { exactStart in
                    exactBytes.withUnsafeBufferPointer { exactBytes in
                        for k in Int(ac.outStart[s])..<Int(ac.outStart[s + 1]) {
                            let id = Int(ac.outputs[k] + idBase)
                            let e0 = Int(exactStart[id]), e1 = Int(exactStart[id + 1])
                            // The folded hit must also match the literal's case.
                            let start = end - (e1 - e0)
                            guard e0 != e1, start >= 0 else { continue }
                            var viewBits: UInt8 = 0
                            if Self.holds(exact, at: start, exactBytes, e0..<e1) { viewBits |= exactMask }
                            if rawMask != 0 {
                                // The hit's first byte in raw; the literal must lie there unbroken.
                                let at = rawStarts.map { Int($0[start]) } ?? start
                                if at + (e1 - e0) <= raw.count, Self.holds(raw, at: at, exactBytes, e0..<e1) { viewBits |= rawMask }
                            }
                            if viewBits == 0 { continue }
                            for k in Int(ownerStart[id])..<Int(ownerStart[id + 1]) {
                                Self.markOwner(owners[k], viewBits, rows: rows, marked: marked, count: count)
                            }
                        }
                    }
                }
            }
        }
    }

    /// Marks owner `o`'s unit on the row of each view kind in `viewBits` it reads (a unit's row
    /// byte holds the view bits themselves: bit k is row k), listing the unit on its first mark.
    @inline(__always)
    private static func markOwner(_ o: Owner, _ viewBits: UInt8, rows: UnsafeMutableBufferPointer<UInt8>,
                                  marked: UnsafeMutablePointer<Int32>, count: UnsafeMutablePointer<Int>) {
        let m = o.views & viewBits
        if m == 0 { return }
        let u = Int(o.unit)
        let old = rows[u]
        if old == 0 { marked[count[0]] = o.unit; count[0] += 1 }
        rows[u] = old | m
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
    private func markNonASCII(_ viewBits: UInt8, into scratch: LiteralScratch) {
        for o in nonASCIIOwners { Self.markOwner(o, viewBits, rows: scratch.rows, marked: scratch.marked, count: scratch.count) }
    }

    /// Bitset over rule indices, written into `scratch.touched`: the rules with a unit `scratch`
    /// marked (plus those with an empty group). Only they can pass `anySelected`, so the scan
    /// loop asks only them.
    @discardableResult
    func touchedRules(_ scratch: LiteralScratch) -> UnsafeBufferPointer<UInt64> {
        let t = scratch.touched
        unitRule.withUnsafeBufferPointer { unitRule in
            vacuous.withUnsafeBufferPointer { v in
                for w in v.indices { t[w] = v[w] }
            }
            for u in scratch.markedUnits {
                let r = Int(unitRule[Int(u)])
                t[r >> 6] |= 1 << UInt64(r & 63)
            }
        }
        return UnsafeBufferPointer(t)
    }

    /// `touchedRules(_:)` read off a candidate bitset (for tests).
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

    /// Per unit: the view-kind rows (bit k = row k) on which it was marked, as a scratch's `rows`
    /// holds them, read off a candidate bitset (for tests).
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

    /// `anySelected(_:in:)` read off unit rows (a scratch's `rows`, or `unitRows(_:)`).
    @inline(__always)
    func anySelected(_ index: Int, unitRows: UnsafeBufferPointer<UInt8>) -> Bool {
        groups.withUnsafeBufferPointer { groups in
            groupUnits.withUnsafeBufferPointer { groupUnits in
                for g in ruleGroups[index] where Self.isOpen(groups[Int(g)], groupUnits, unitRows) { return true }
                return false
            }
        }
    }

    /// Whether every unit in `units` (a group's range of `groupUnits`) was marked on one
    /// common view kind: the group's clauses all occurred in the same view.
    @inline(__always)
    private static func isOpen(_ units: Range<Int32>, _ groupUnits: UnsafeBufferPointer<Int32>, _ unitRows: UnsafeBufferPointer<UInt8>) -> Bool {
        var rows: UInt8 = 0b1111
        var k = Int(units.lowerBound)
        let end = Int(units.upperBound)
        while k < end, rows != 0 {
            rows &= unitRows[Int(groupUnits[k])]
            k += 1
        }
        return rows != 0
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
                    for k in groups[Int(g)] {
                        let u = groupUnits[Int(k)]
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

    /// Calls `body` with `k` for each gate group `k` of rule `index` (in `gateClauses(for:)`
    /// order) whose clauses were all marked on one view kind: which gates let the rule run, for
    /// `RuleCostMeter`'s reports.
    func forEachOpenGroup(_ index: Int, unitRows: UnsafeBufferPointer<UInt8>, _ body: (Int) -> Void) {
        let range = ruleGroups[index]
        groupUnits.withUnsafeBufferPointer { groupUnits in
            for g in range where Self.isOpen(groups[Int(g)], groupUnits, unitRows) { body(Int(g - range.lowerBound)) }
        }
    }

    /// How many gate groups rule `index` has (none when it always runs).
    func groupCount(_ index: Int) -> Int { ruleGroups[index].count }

    /// The gate of one selected rule, handed to the evaluator.
    /// `unitRows` must outlive the gate (the scan's scratch rows).
    func gate(for index: Int, unitRows: UnsafeBufferPointer<UInt8>) -> PatternGate {
        PatternGate(unitRows: unitRows, prefilter: self, rule: ruleGroups[index], patterns: rulePatterns[index].map(Int.init))
    }

    /// Rule indices with at least one unit marked (for tests and tools).
    func selectedRules(_ candidates: [UInt64]) -> Set<Int> {
        Set(ruleGroups.indices.filter { !ruleGroups[$0].isEmpty && anySelected($0, in: candidates) })
    }

    /// States of the literal automata, both together (for benchmarks, lint reports, and the
    /// scratch's per-state table).
    public var automatonStates: Int { automaton.stateCount + wideAutomaton.stateCount }

    /// Bytes of the automata's transition tables, both together (for benchmarks).
    public var automatonTableBytes: Int { (automaton.transitions.count + wideAutomaton.transitions.count) * MemoryLayout<Int32>.stride }

    /// Calls `found` with the id and end offset of every literal occurrence in `bytes`, from both
    /// automata (the wide one only over non-ASCII bytes): the plain search the pass stands for.
    func forEachLiteral(in bytes: UnsafeBufferPointer<UInt8>, _ found: (Int32, Int) -> Void) {
        automaton.scan(bytes, found)
        if NonASCIIGate.hasNonASCII(bytes) { wideAutomaton.scan(bytes) { id, end in found(id + wideIDBase, end) } }
    }
}

/// Which patterns of one rule may match on which view kind, read off the literal pass.
struct PatternGate {
    /// Per unit, the view bits it was marked on (borrowed from the scan's scratch).
    let unitRows: UnsafeBufferPointer<UInt8>
    let prefilter: Prefilter
    /// The rule's groups.
    let rule: Range<Int32>
    /// `Prefilter.rulePatterns` of the rule: nil when its groups gate every pattern.
    let patterns: Int?

    /// Whether pattern `pattern` (or the rule's detector, pattern 0) can match a view of `kind`:
    /// every clause of one of its groups occurred in a view of that kind.
    @inline(__always)
    func allows(_ kind: ViewKind, pattern: Int) -> Bool {
        guard let t = patterns else { return allowsAny(kind) }
        let bit = Prefilter.bit(kind)
        for g in prefilter.patternGroups[t + pattern]..<prefilter.patternGroups[t + pattern + 1] where marked(g, bit) { return true }
        return false
    }

    /// Whether any of the rule's patterns can match a view of `kind`; skipping a kind early
    /// also avoids building its views.
    @inline(__always)
    func allowsAny(_ kind: ViewKind) -> Bool {
        let bit = Prefilter.bit(kind)
        for g in rule where marked(g, bit) { return true }
        return false
    }

    /// Whether every unit of group `g` was marked on the row of `bit`.
    @inline(__always)
    private func marked(_ g: Int32, _ bit: UInt8) -> Bool {
        for k in prefilter.groups[Int(g)] where unitRows[Int(prefilter.groupUnits[Int(k)])] & bit == 0 { return false }
        return true
    }
}
