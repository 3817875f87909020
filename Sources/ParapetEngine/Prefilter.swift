import ParapetRules
import ParapetText

/// Selects the work worth handing to PCRE2: one literal pass per view marks every gate unit
/// whose literals occur in that view. A unit is one clause: a set of literals one of which a
/// match must contain. A pattern (or a whole rule) is gated by a group of clauses that must all
/// be marked on the same view kind, and then runs only on the view kinds where they were.
/// Rules without usable literals always run. Immutable and shared by all scans.
public final class Prefilter: Sendable {
    /// Per rule index: the literals a match needs (all its units together), or nil when the
    /// rule must always run.
    public let ruleLiterals: [[[UInt8]]?]
    /// Per rule index: its clause groups (indices into `groups`), empty when it always runs.
    let ruleGroups: [Range<Int32>]
    /// Per group: where its units (clauses), which must all be marked, are listed in `groupUnits`.
    let groups: [Range<Int32>]
    /// The units of every group, group after group. The groups of one rule share a unit for a
    /// clause they have in common (branch variants repeat the clauses outside the split), so
    /// its literals are marked once.
    let groupUnits: [Int32]
    /// Per rule index: where its patterns' group ranges start in `patternGroups`, or nil when
    /// its groups gate the whole rule. Pattern `k` of a rule at `t` owns the groups
    /// `patternGroups[t + k]..<patternGroups[t + k + 1]`: one, or one per branch variant; it
    /// may match where any of them was marked.
    let rulePatterns: [Int32?]
    let patternGroups: [Int32]
    /// Units in all; the candidate bitset holds one `unitWords`-word row per view kind.
    public let unitCount: Int
    let unitWords: Int
    /// The automaton of the ASCII literals, which every literal pass runs.
    let automaton: AhoCorasick
    /// The automaton of the literals holding a byte ≥ 0x80, which only a non-ASCII text can
    /// hold: kept apart so the one every text reads has columns for ASCII byte classes only (the
    /// other bytes are 92 more in the default pack), a table less than half the size to fault
    /// in and fill at start-up and to keep in memory. Its literal ids follow the ASCII ones
    /// (`wideIDBase`), its states follow `automaton`'s in every per-state table (`wideStateBase`).
    let wideAutomaton: AhoCorasick
    var wideIDBase: Int32 { Int32(automaton.literalCount) }
    var wideStateBase: Int { automaton.stateCount }
    /// Per literal id, flattened for the scan loop (no per-hit array copies): literal `id` owns
    /// `ownerList[ownerStart[id]..<ownerStart[id + 1]]` and, when checked in its case, must
    /// equal `exactBytes[exactStart[id]..<exactStart[id + 1]]` (an empty range: case folded).
    let ownerStart: [Int32]
    let ownerList: [Owner]
    let exactStart: [Int32]
    let exactBytes: [UInt8]
    /// Per automaton state: the owners of its case-folded literals, so the state's first hit
    /// marks one flat list, `stateOwners[stateOwnerStart[s]..<stateOwnerStart[s + 1]]`. A state
    /// that also ends a case-checked literal has its bit in `checkedStates`.
    let stateOwnerStart: [Int32]
    let stateOwners: [Owner]
    let checkedStates: [UInt64]
    /// Whether one literal pass over a canonical view that is the raw text lower-cased (ASCII,
    /// nothing removed) may stand for the raw pass too: true unless some literal holds a
    /// whitespace control byte, which the canonical view turns into a space.
    let sharesRawPass: Bool
    /// Whether that pass may also stand for raw when the canonical view dropped bytes (whitespace
    /// runs, control bytes): true when besides no literal a raw-view unit owns holds two spaces
    /// in a row, the only text a collapsed run could have held.
    let sharesCollapsedRawPass: Bool
    /// Units selected by any byte ≥ 0x80 in a view (their literal resolved to the sentinel).
    let nonASCIIOwners: [Owner]
    /// Union of the view masks of `nonASCIIOwners`: views where the byte check is worth doing.
    let nonASCIIViews: UInt8
    /// Byte-class gate for raw-view pattern rules (mostly those without a usable literal).
    public let byteGate: ByteClassGate
    /// Per unit: the rule it belongs to (to read the rules worth asking off the marked units).
    let unitRule: [Int32]
    /// Bitset over rule indices: rules with an empty clause group, selected with nothing marked.
    let vacuous: [UInt64]

    struct Owner: Sendable { let unit: Int32; let views: UInt8 }

    /// A literal as a dictionary key, hashed as one block of bytes (not byte by byte).
    struct LiteralKey: Hashable {
        let bytes: [UInt8]
        init(_ bytes: [UInt8]) { self.bytes = bytes }
        func hash(into hasher: inout Hasher) { bytes.withUnsafeBytes { hasher.combine(bytes: $0) } }
    }

    public convenience init(ruleSet: CompiledRuleSet) {
        self.init(ruleSet: ruleSet, gates: Self.allGates(ruleSet))
    }

    /// `allGates`: `gates(for:)` of every rule, in rule order (see `allGates(_:jitting:)`).
    init(ruleSet: CompiledRuleSet, gates allGates: [[Gate]?]) {
        // The byte-class gate reads every raw-view pattern again, independently of the rest:
        // built on another core meanwhile (start-up wall time), or here for a small pack.
        let byteGateJob = ruleSet.rules.count >= Self.parallelThreshold ? BackgroundJob { ByteClassGate(ruleSet: ruleSet) } : nil
        var literalIDs: [LiteralKey: Int] = [:]
        // Sized once for every literal of every gate (repeats included): no rehashing.
        literalIDs.reserveCapacity(allGates.reduce(0) { $0 + ($1?.reduce(0) { $0 + $1.clauses.reduce(0) { $0 + $1.count } } ?? 0) })
        var literals: [[UInt8]] = []
        var exactCase: [[UInt8]?] = []
        // (literal id, owner) in the order met; grouped by id below (a stable counting sort),
        // so no array per literal.
        var ownerPairs: [(id: Int32, owner: Owner)] = []
        var nonASCII: [Owner] = []
        var perRule: [[[UInt8]]?] = []
        var ruleGroups: [Range<Int32>] = []
        var groups: [Range<Int32>] = []
        var groupUnits: [Int32] = []
        var rulePatterns: [Int32?] = []
        var patternGroups: [Int32] = []
        var unit: Int32 = 0
        for (index, rule) in ruleSet.rules.enumerated() {
            let gates = allGates[index]
            perRule.append(gates.map { Self.union($0) })
            let firstGroup = Int32(groups.count)
            let mask = Self.mask(rule.spec.views)
            // Branch variants repeat their pattern's plain clauses: within such a rule a repeated
            // clause (in the same case mode) reuses its unit. Few clauses per rule: a list.
            let shares = (gates?.count ?? 0) > rule.patterns.count
            var ruleUnits: [(clause: [[UInt8]], exact: Bool, unit: Int32)] = []
            for gate in gates ?? [] {
                let first = Int32(groupUnits.count)
                for lits in gate.clauses {
                    if shares, let known = ruleUnits.first(where: { $0.exact == gate.exactCase && $0.clause == lits })?.unit {
                        if !groupUnits[Int(first)...].contains(known) { groupUnits.append(known) }
                        continue
                    }
                    if shares { ruleUnits.append((lits, gate.exactCase, unit)) }
                    groupUnits.append(unit)
                    for lit in lits {
                        if lit == NonASCIIGate.sentinel {
                            nonASCII.append(Owner(unit: unit, views: mask))
                            continue
                        }
                        // A literal of a case-sensitive pattern is checked in its own case
                        // (ASCII only: the scan reads ſ and K as s and k, which an exact
                        // comparison must not).
                        let exact = gate.exactCase && lit.allSatisfy { $0 < 0x80 } && lit.contains { ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A }
                        let normalized = Self.normalizeLiteral(lit)
                        let key = exact ? lit + [0xFE] : normalized
                        let id: Int
                        if let known = literalIDs[LiteralKey(key)] { id = known } else {
                            id = literals.count
                            literalIDs[LiteralKey(key)] = id
                            literals.append(normalized)
                            exactCase.append(exact ? lit : nil)
                        }
                        ownerPairs.append((Int32(id), Owner(unit: unit, views: mask)))
                    }
                    unit += 1
                }
                groups.append(first..<Int32(groupUnits.count))
            }
            // Gates come in pattern order, so each pattern's groups are adjacent.
            if let gates, let last = gates.last, last.pattern != Self.wholeRule {
                rulePatterns.append(Int32(patternGroups.count))
                for k in 0...Int(last.pattern) + 1 {
                    patternGroups.append(firstGroup + Int32(gates.firstIndex { $0.pattern >= Int32(k) } ?? gates.count))
                }
            } else {
                rulePatterns.append(nil)
            }
            ruleGroups.append(firstGroup..<Int32(groups.count))
        }
        ruleLiterals = perRule
        self.ruleGroups = ruleGroups
        self.groups = groups
        self.groupUnits = groupUnits
        self.rulePatterns = rulePatterns
        self.patternGroups = patternGroups
        unitCount = Int(unit)
        unitWords = (Int(unit) + 63) >> 6
        // The ASCII literals take the ids 0..<wideIDBase, the others the ids after them.
        let order = literals.indices.filter { Self.isASCII(literals[$0]) } + literals.indices.filter { !Self.isASCII(literals[$0]) }
        var newID = [Int32](repeating: 0, count: literals.count)
        for (k, id) in order.enumerated() { newID[id] = Int32(k) }
        literals = order.map { literals[$0] }
        exactCase = order.map { exactCase[$0] }
        for k in ownerPairs.indices { ownerPairs[k].id = newID[Int(ownerPairs[k].id)] }
        let asciiCount = literals.prefix { Self.isASCII($0) }.count
        automaton = AhoCorasick(Array(literals[..<asciiCount]))
        wideAutomaton = AhoCorasick(Array(literals[asciiCount...]))
        var ownerStart = [Int32](repeating: 0, count: literals.count + 1), exactStart: [Int32] = [0]
        var exactBytes: [UInt8] = []
        for pair in ownerPairs { ownerStart[Int(pair.id) + 1] += 1 }
        for id in literals.indices {
            ownerStart[id + 1] += ownerStart[id]
            exactBytes += exactCase[id] ?? []
            exactStart.append(Int32(exactBytes.count))
        }
        self.ownerStart = ownerStart
        var fillAt = ownerStart
        let ownerList = [Owner](unsafeUninitializedCapacity: ownerPairs.count) { list, filled in
            for pair in ownerPairs {
                (list.baseAddress! + Int(fillAt[Int(pair.id)])).initialize(to: pair.owner)
                fillAt[Int(pair.id)] += 1
            }
            filled = ownerPairs.count
        }
        self.ownerList = ownerList
        (stateOwnerStart, stateOwners, checkedStates) = Self.stateOwners([(automaton, 0), (wideAutomaton, Int32(asciiCount))], ownerStart: ownerStart,
                                                                        ownerList: ownerList, exactStart: exactStart)
        self.exactStart = exactStart
        self.exactBytes = exactBytes
        sharesRawPass = !literals.contains { $0.contains { $0 >= 0x09 && $0 <= 0x0D } }
        let rawBit = Self.bit(.raw)
        sharesCollapsedRawPass = sharesRawPass && !ownerPairs.contains { pair in
            let lit = literals[Int(pair.id)]
            return pair.owner.views & rawBit != 0 && zip(lit, lit.dropFirst()).contains { $0 == 0x20 && $1 == 0x20 }
        }
        nonASCIIOwners = nonASCII
        nonASCIIViews = nonASCII.reduce(0) { $0 | $1.views }
        byteGate = byteGateJob?.wait() ?? ByteClassGate(ruleSet: ruleSet)
        var unitRule = [Int32](repeating: 0, count: Int(unit))
        var vacuous = [UInt64](repeating: 0, count: (ruleSet.rules.count + 63) >> 6)
        for (r, gs) in ruleGroups.enumerated() {
            for g in gs {
                let units = groups[Int(g)]
                if units.isEmpty { vacuous[r >> 6] |= 1 << UInt64(r & 63) }
                for k in units { unitRule[Int(groupUnits[Int(k)])] = Int32(r) }
            }
        }
        self.unitRule = unitRule
        self.vacuous = vacuous
    }

    /// Per automaton state, the owners of its case-folded literals and whether it ends a
    /// case-checked one (see `stateOwners`), for each automaton in turn (its states numbered
    /// after the previous one's, its literal ids offset by its base). Reads the flat per-literal
    /// arrays: no array per literal is copied or counted (engine build time).
    static func stateOwners(_ automata: [(AhoCorasick, idBase: Int32)], ownerStart: [Int32], ownerList: [Owner],
                            exactStart: [Int32]) -> ([Int32], [Owner], [UInt64]) {
        let states = automata.reduce(0) { $0 + $1.0.stateCount }
        var start = [Int32](repeating: 0, count: states + 1)
        var checked = [UInt64](repeating: 0, count: (states + 63) >> 6)
        var total = 0
        for (ac, base) in automata {
            for id in ac.outputs { total += Int(ownerStart[Int(id + base) + 1] - ownerStart[Int(id + base)]) }
        }
        let list = [Owner](unsafeUninitializedCapacity: total) { list, filled in
            ownerStart.withUnsafeBufferPointer { ownerStart in
                ownerList.withUnsafeBufferPointer { ownerList in
                    exactStart.withUnsafeBufferPointer { exactStart in
                        start.withUnsafeMutableBufferPointer { start in
                            var n = 0, g = 0
                            for (ac, base) in automata {
                                ac.outStart.withUnsafeBufferPointer { outStart in
                                    ac.outputs.withUnsafeBufferPointer { outputs in
                                        for s in 0..<ac.stateCount {
                                            for k in Int(outStart[s])..<Int(outStart[s + 1]) {
                                                let id = Int(outputs[k] + base)
                                                if exactStart[id] != exactStart[id + 1] {
                                                    checked[g >> 6] |= 1 << UInt64(g & 63)
                                                    continue
                                                }
                                                for o in Int(ownerStart[id])..<Int(ownerStart[id + 1]) {
                                                    (list.baseAddress! + n).initialize(to: ownerList[o])
                                                    n += 1
                                                }
                                            }
                                            g += 1
                                            start[g] = Int32(n)
                                        }
                                    }
                                }
                            }
                            filled = n
                        }
                    }
                }
            }
        }
        return (start, list, checked)
    }

    /// Whether a normalized literal is all ASCII, so that it belongs to `automaton`.
    static func isASCII(_ lit: [UInt8]) -> Bool { !lit.contains { $0 >= 0x80 } }

    /// The literals that gate `rule`: extracted from every pattern when possible, else the ones
    /// the rule declares with `literals:`; nil when the rule must always run.
    public static func literals(for rule: CompiledRule) -> [[UInt8]]? {
        gates(for: rule).map(union)
    }

    /// Every literal of a rule's gates, sorted.
    static func union(_ gates: [Gate]) -> [[UInt8]] {
        // One clause is already sorted without repeats (extracted, declared and trigger sets are).
        if gates.count == 1, gates[0].clauses.count == 1, Self.strictlyAscending(gates[0].clauses[0]) { return gates[0].clauses[0] }
        var all = gates.flatMap { $0.clauses.joined() }
        all.sort { $0.lexicographicallyPrecedes($1) }
        var out: [[UInt8]] = []
        out.reserveCapacity(all.count)
        for lit in all where out.last != lit { out.append(lit) }
        return out
    }

    /// Whether `lits` is sorted without repeats (checked, so `union` never depends on it).
    static func strictlyAscending(_ lits: [[UInt8]]) -> Bool {
        for k in lits.indices.dropFirst() where !lits[k - 1].lexicographicallyPrecedes(lits[k]) { return false }
        return true
    }

    /// One pattern's (or a whole rule's) clauses; `exactCase` when the pattern is case-sensitive
    /// throughout, so its ASCII letters are kept in their case. `pattern` is the index of the
    /// pattern it gates, or `wholeRule`; a pattern with several gates (its branch variants) may
    /// match where any one of them holds.
    struct Gate: Equatable, Sendable {
        var clauses: [[[UInt8]]]
        var exactCase = false
        var pattern: Int32 = wholeRule
    }

    /// `Gate.pattern` of a gate that stands for every pattern of its rule (declared literals,
    /// detector triggers).
    static let wholeRule: Int32 = -1

    /// The gate groups of `rule`, each a list of clauses (literal sets) that must all occur: per
    /// pattern, one group, or one per branch variant (`variantGates`), when every pattern yields
    /// literals; else one for the whole rule (declared `literals:` or detector triggers, a single
    /// clause); nil when the rule must always run.
    /// `memo`: results of large pattern groups shared across rules (the same gates either way).
    static func gates(for rule: CompiledRule, memo: GroupMemo? = nil) -> [Gate]? {
        if let detector = rule.detector {
            // A detector is gated by its trigger words (when it declares them), and only when
            // the rule has no patterns: a pattern would need its own literal too.
            guard rule.patterns.isEmpty, let triggers = detector.triggerLiterals, !triggers.isEmpty else { return nil }
            let lits = Set(triggers.map { normalizeLiteral(Array($0.utf8)) })
            guard lits.allSatisfy({ $0.count >= LiteralSets.minLength }) else { return nil }
            return [Gate(clauses: [lits.sorted { $0.lexicographicallyPrecedes($1) }])]
        }
        if rule.patterns.isEmpty { return nil }
        let canonicalSpace = readsCanonicalOnly(rule)
        var perPattern: [Gate] = []
        var gatedPatterns = 0
        for (k, p) in rule.patterns.enumerated() {
            guard var gate = patternGate(p.source, caseless: p.options.caseless, canonicalSpace: canonicalSpace, memo: memo) else { break }
            gate.pattern = Int32(k)
            perPattern += variantGates(p.source, caseless: p.options.caseless, plain: gate, canonicalSpace: canonicalSpace, memo: memo) ?? [gate]
            gatedPatterns += 1
        }
        if gatedPatterns == rule.patterns.count { return perPattern }
        let declared = rule.spec.literals.map { normalizeLiteral(Array($0.lowercased().utf8)) }
        if declared.isEmpty || declared.contains(where: \.isEmpty) { return nil }
        return [Gate(clauses: [Array(Set(declared)).sorted { $0.lexicographicallyPrecedes($1) }])]
    }

    /// Each gate group of `rule`: the pattern it gates (nil: the whole rule) and its clauses,
    /// for reports; nil when the rule always runs.
    public static func gateClauses(for rule: CompiledRule) -> [(pattern: Int?, clauses: [[[UInt8]]])]? {
        gates(for: rule)?.map { ($0.pattern == wholeRule ? nil : Int($0.pattern), $0.clauses) }
    }

    /// The clauses of one pattern source: in their case when it is case-sensitive throughout,
    /// else case-folded; nil when no literal can be proven.
    static func patternGate(_ source: String, caseless: Bool, canonicalSpace: Bool, memo: GroupMemo?) -> Gate? {
        if !caseless, let exact = LiteralExtraction.exactCaseClauses(of: source, canonicalSpace: canonicalSpace, memo: memo) {
            return Gate(clauses: exact, exactCase: true)
        }
        return LiteralExtraction.requiredClauses(of: source, caseless: caseless, canonicalSpace: canonicalSpace, memo: memo).map { Gate(clauses: $0) }
    }

    /// One gate per branch variant of `source` (`LiteralExtraction.branchVariants`), each the
    /// variant's own clauses and `plain`'s, when `plain` is a bare disjunction (one clause), every
    /// variant gives literals, and the split asks for more than `plain` does: some variant has
    /// two clauses `plain` lacks (a single new one is about what `plain` asks already: a literal
    /// of each branch). A scan checks a touched rule's groups one by one, so a split pays only
    /// where the plain gate opens on most texts: on the pack, splitting patterns whose gate was
    /// already a conjunction cost more in those checks than it saved in PCRE2.
    static func variantGates(_ source: String, caseless: Bool, plain: Gate, canonicalSpace: Bool, memo: GroupMemo?) -> [Gate]? {
        guard plain.clauses.count == 1, let variants = LiteralExtraction.branchVariants(of: source) else { return nil }
        var gates: [Gate] = []
        var sharper = false
        for v in variants {
            // A variant is case-sensitive exactly where its pattern is: read in the plain gate's mode.
            let clauses = plain.exactCase
                ? LiteralExtraction.exactCaseClauses(of: v, canonicalSpace: canonicalSpace, memo: memo)
                : LiteralExtraction.requiredClauses(of: v, caseless: caseless, canonicalSpace: canonicalSpace, memo: memo)
            guard let clauses else { return nil }
            let new = clauses.filter { !plain.clauses.contains($0) }
            if new.count >= 2 { sharper = true }
            // Every match holds the plain clauses too: a variant asks for them besides its own
            // (the split may lose one, such as a run the whole pattern restarts), and they cost
            // no marking of their own, as the rule's groups share a unit per clause. Its own come
            // first: the plain ones are met whenever the rule is asked, so a check of the group
            // stops soonest on the variant's.
            gates.append(Gate(clauses: new + plain.clauses, exactCase: plain.exactCase, pattern: plain.pattern))
        }
        return sharper ? gates : nil
    }

    /// Whether every view `rule` reads is canonical text (canonical, compact, decoded), whose
    /// only whitespace is single spaces: its literals are then extracted with `canonicalSpace`.
    /// The compact view only deletes bytes of the canonical one or folds l33t symbols to letters,
    /// so it holds no other whitespace and no two spaces in a row either.
    public static func readsCanonicalOnly(_ rule: CompiledRule) -> Bool {
        rule.spec.views.allSatisfy { $0 == .canonical || $0 == .compact || $0 == .decoded }
    }

    /// Ids of the rules (in pack order) that run on every scan because they have no usable literal.
    public static func rulesWithoutLiterals(_ set: CompiledRuleSet) -> [String] {
        set.rules.filter { gates(for: $0) == nil }.map(\.id)
    }

    /// Lower-cases ASCII and reads U+017F / U+212A as `s` / `k`, the same way the scan does.
    public static func normalizeLiteral(_ lit: [UInt8]) -> [UInt8] {
        // Extracted literals are mostly lower-case ASCII already: returned as they are.
        if !lit.contains(where: { ($0 >= 0x41 && $0 <= 0x5A) || $0 == 0xC5 || $0 == 0xE2 }) { return lit }
        var out: [UInt8] = []
        out.reserveCapacity(lit.count)
        var i = 0
        while i < lit.count {
            let b = lit[i]
            if b == 0xC5, i + 1 < lit.count, lit[i + 1] == 0xBF {
                out.append(UInt8(ascii: "s")); i += 2
            } else if b == 0xE2, i + 2 < lit.count, lit[i + 1] == 0x84, lit[i + 2] == 0xAA {
                out.append(UInt8(ascii: "k")); i += 3
            } else {
                out.append(b >= 0x41 && b <= 0x5A ? b | 0x20 : b); i += 1
            }
        }
        return out
    }

    static func bit(_ kind: ViewKind) -> UInt8 {
        switch kind {
        case .raw: return 1
        case .canonical: return 2
        case .compact: return 4
        case .decoded: return 8
        }
    }

    static func mask(_ kinds: [ViewKind]) -> UInt8 { kinds.reduce(0) { $0 | bit($1) } }
}
