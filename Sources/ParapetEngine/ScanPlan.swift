import ParapetRules
import ParapetText

/// What one (target, paranoia) scan does, decided once when the engine is built: which rules
/// are active, which of them the literal pass may skip, and which views that pass reads.
public struct ScanPlan: Sendable {
    /// Active rule indices, in pack order.
    let rules: [Int]
    /// Bitset over rule indices: rules skipped unless the literal pass selects them.
    let gated: [UInt64]
    /// Views the literal pass reads, in `ViewKind.allCases` order.
    public let literalViews: [ViewKind]
    /// Per entry of `rules`: the rule index and its gates (`literalGate`, `byteGate` bits), so
    /// the loop without the literal pass reads one flat array instead of a bitset and the byte
    /// gate's rule table.
    let steps: [Step]
    /// Bitset over rule indices: active rules the literal pass does not gate, run on every scan
    /// (empty when the pass is off). With `gated`, the scan loop visits only the rules of
    /// `alwaysRun | (gated & touched)`, in pack order, instead of testing every active rule.
    let alwaysRun: [UInt64]
    /// Per rule index: `Step.flags` (zero for inactive rules).
    let flagsByRule: [UInt8]

    /// One active rule as the scan loop reads it.
    struct Step: Sendable { let index: Int32; let flags: UInt8 }
    static let literalGate: UInt8 = 1, byteGate: UInt8 = 2

    /// Fewest gated rules that make a literal pass over a view worth its cost; below this, PCRE2's
    /// own start-of-match optimisations over a few rules beat one more pass over the text.
    static let minRulesPerView = 3

    init(rules: [Int], ruleSet: CompiledRuleSet, prefilter: Prefilter) {
        self.rules = rules
        // A view is left out of the literal pass only when few gated rules read it and none of
        // them reads any other view (output secret rules on `raw`): then PCRE2's own
        // start-of-match search over those few rules is cheaper than one more pass.
        var perView = [Int](repeating: 0, count: ViewKind.allCases.count)
        var mixed = [Bool](repeating: false, count: ViewKind.allCases.count)
        for i in rules where prefilter.ruleLiterals[i] != nil {
            let views = ruleSet.rules[i].spec.views
            for (k, kind) in ViewKind.allCases.enumerated() where views.contains(kind) {
                perView[k] += 1
                if views.contains(where: { $0 != kind }) { mixed[k] = true }
            }
        }
        let scanned = ViewKind.allCases.enumerated().filter { perView[$0.offset] >= Self.minRulesPerView || mixed[$0.offset] }.map(\.element)
        let scannedMask = Prefilter.mask(scanned)
        var gated = [UInt64](repeating: 0, count: (ruleSet.rules.count + 63) >> 6)
        for i in rules where prefilter.ruleLiterals[i] != nil {
            // Gate a rule only when every view it matches on gets the literal pass.
            if Prefilter.mask(ruleSet.rules[i].spec.views) & ~scannedMask == 0 { gated[i >> 6] |= 1 << UInt64(i & 63) }
        }
        self.gated = gated
        literalViews = gated.contains { $0 != 0 } ? scanned : []
        let literalOn = !literalViews.isEmpty
        steps = rules.map { i in
            var flags: UInt8 = 0
            if literalOn, gated[i >> 6] & (1 << UInt64(i & 63)) != 0 { flags |= Self.literalGate }
            if prefilter.byteGate.isGated(i) { flags |= Self.byteGate }
            return Step(index: Int32(i), flags: flags)
        }
        var alwaysRun = [UInt64](repeating: 0, count: gated.count)
        var flagsByRule = [UInt8](repeating: 0, count: ruleSet.rules.count)
        for step in steps {
            let i = Int(step.index)
            flagsByRule[i] = step.flags
            if literalOn, step.flags & Self.literalGate == 0 { alwaysRun[i >> 6] |= 1 << UInt64(i & 63) }
        }
        self.alwaysRun = alwaysRun
        self.flagsByRule = flagsByRule
    }

    @inline(__always)
    func isGated(_ i: Int) -> Bool { gated[i >> 6] & (1 << UInt64(i & 63)) != 0 }
}
