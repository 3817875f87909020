import ParapetRules
import ParapetText

/// Selects the rules worth running PCRE2 for: one literal pass per view marks every rule whose
/// required literals occur in a view it matches on. Rules without usable literals, and rules
/// with a detector, are always selected. Immutable and shared by all scans.
public struct Prefilter: Sendable {
    /// Per rule index: the literals a match needs, or nil when the rule must always run.
    public let ruleLiterals: [[[UInt8]]?]
    let automaton: AhoCorasick
    /// Per literal id: the (rule index, view mask) pairs it selects.
    let owners: [[Owner]]
    /// Rules selected by any byte ≥ 0x80 in a view (their literal resolved to the sentinel).
    let nonASCIIOwners: [Owner]
    /// Union of the view masks of `nonASCIIOwners`: views where the byte check is worth doing.
    let nonASCIIViews: UInt8

    struct Owner: Sendable { let rule: Int32; let views: UInt8 }

    public init(ruleSet: CompiledRuleSet) {
        var literalIDs: [[UInt8]: Int] = [:]
        var literals: [[UInt8]] = []
        var owners: [[Owner]] = []
        var perRule: [[[UInt8]]?] = []
        var nonASCII: [Owner] = []
        for (index, rule) in ruleSet.rules.enumerated() {
            let lits = Self.literals(for: rule)
            perRule.append(lits)
            guard let lits else { continue }
            let mask = Self.mask(rule.spec.views)
            for lit in lits {
                if lit == NonASCIIGate.sentinel {
                    nonASCII.append(Owner(rule: Int32(index), views: mask))
                    continue
                }
                let id: Int
                if let known = literalIDs[lit] { id = known } else {
                    id = literals.count
                    literalIDs[lit] = id
                    literals.append(lit)
                    owners.append([])
                }
                owners[id].append(Owner(rule: Int32(index), views: mask))
            }
        }
        ruleLiterals = perRule
        automaton = AhoCorasick(literals)
        self.owners = owners
        nonASCIIOwners = nonASCII
        nonASCIIViews = nonASCII.reduce(0) { $0 | $1.views }
    }

    /// The literals that gate `rule`: extracted from every pattern when possible, else the ones
    /// the rule declares with `literals:`; nil when the rule must always run.
    public static func literals(for rule: CompiledRule) -> [[UInt8]]? {
        if let detector = rule.detector {
            // A detector is gated by its trigger words (when it declares them), and only when
            // the rule has no patterns: a pattern would need its own literal too.
            guard rule.patterns.isEmpty, let triggers = detector.triggerLiterals, !triggers.isEmpty else { return nil }
            let lits = Set(triggers.map { normalizeLiteral(Array($0.utf8)) })
            guard lits.allSatisfy({ $0.count >= LiteralSets.minLength }) else { return nil }
            return lits.sorted { $0.lexicographicallyPrecedes($1) }
        }
        if rule.patterns.isEmpty { return nil }
        var all = Set<[UInt8]>()
        var extracted = true
        for p in rule.patterns {
            guard let lits = LiteralExtraction.requiredLiterals(of: p.source, caseless: p.options.caseless) else {
                extracted = false
                break
            }
            all.formUnion(lits)
        }
        if extracted { return all.sorted { $0.lexicographicallyPrecedes($1) } }
        let declared = rule.spec.literals.map { normalizeLiteral(Array($0.lowercased().utf8)) }
        if declared.isEmpty || declared.contains(where: \.isEmpty) { return nil }
        return Array(Set(declared)).sorted { $0.lexicographicallyPrecedes($1) }
    }

    /// Ids of the rules (in pack order) that run on every scan because they have no usable literal.
    public static func rulesWithoutLiterals(_ set: CompiledRuleSet) -> [String] {
        set.rules.filter { literals(for: $0) == nil }.map(\.id)
    }

    /// Lower-cases ASCII and reads U+017F / U+212A as `s` / `k`, the same way the scan does.
    public static func normalizeLiteral(_ lit: [UInt8]) -> [UInt8] {
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

    /// Runs the literal pass over every view of `kinds`, marking selected rules in `candidates`.
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

    /// Marks in `candidates` (a bitset over rule indices) every rule a literal in `view` selects.
    func mark(_ view: TextView, into candidates: inout [UInt64]) {
        mark(view.bytes, mask: Self.bit(view.kind), into: &candidates)
    }

    func mark(_ bytes: [UInt8], mask viewBit: UInt8, into candidates: inout [UInt64]) {
        bytes.withUnsafeBufferPointer { buf in
            candidates.withUnsafeMutableBufferPointer { bits in
                owners.withUnsafeBufferPointer { owners in
                    automaton.scan(buf) { id in
                        for o in owners[Int(id)] where o.views & viewBit != 0 {
                            bits[Int(o.rule) >> 6] |= 1 << UInt64(o.rule & 63)
                        }
                    }
                }
                if nonASCIIViews & viewBit != 0, NonASCIIGate.hasNonASCII(buf) {
                    for o in nonASCIIOwners where o.views & viewBit != 0 {
                        bits[Int(o.rule) >> 6] |= 1 << UInt64(o.rule & 63)
                    }
                }
            }
        }
    }
}

extension Prefilter {
    /// Size of the literal automaton (for benchmarks and lint reports).
    public var automatonStates: Int { automaton.stateCount }
}
