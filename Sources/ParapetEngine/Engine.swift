import ParapetRegex
import ParapetRules
import ParapetText

/// The compiled, immutable scanner: share one instance across all concurrent scans.
public final class Engine: Sendable {
    public let ruleSet: CompiledRuleSet
    public let config: EngineConfig
    /// Sanitizing steps of the rules that have any, by rule id.
    let ruleSanitize: [String: [SanitizeStep]]
    let pool: ScratchPool
    /// Rule indices active per target and paranoia level (index 0 = PL1).
    let active: [Target: [[Int]]]
    /// Literal gate in front of PCRE2 (used when `config.usePrefilter`).
    public let prefilter: Prefilter
    /// Per target, per paranoia level (index 0 = PL1): the precomputed scan plan.
    public let plans: [Target: [ScanPlan]]

    public init(ruleSet: CompiledRuleSet, config: EngineConfig = EngineConfig()) {
        self.ruleSet = ruleSet
        self.ruleSanitize = Dictionary(uniqueKeysWithValues: ruleSet.rules.filter { !$0.spec.sanitize.isEmpty }.map { ($0.id, $0.spec.sanitize) })
        var config = config
        if config.viewOptions.leetLexicon.isEmpty { config.viewOptions.leetLexicon = LeetLexicon.build(ruleSet) }
        self.config = config
        self.pool = ScratchPool(limits: config.matchLimits)
        var active: [Target: [[Int]]] = [:]
        for t in Target.allCases {
            active[t] = (1...4).map { pl in ruleSet.rules.indices.filter { ruleSet.rules[$0].isActive(target: t, paranoia: pl) } }
        }
        self.active = active
        // Literal gates on all cores, with every pattern's JIT compilation when it is eager.
        let jitting = config.jit == .eager ? ruleSet.rules.flatMap(\.patterns) : []
        let prefilter = Prefilter(ruleSet: ruleSet, gates: Prefilter.allGates(ruleSet, jitting: jitting))
        self.prefilter = prefilter
        var plans: [Target: [ScanPlan]] = [:]
        for t in Target.allCases {
            plans[t] = active[t]!.map { ScanPlan(rules: $0, ruleSet: ruleSet, prefilter: prefilter) }
        }
        self.plans = plans
    }

    /// Rules that would run for `target` at `paranoia`.
    public func activeRules(target: Target, paranoia: Int) -> [CompiledRule] {
        active[target]![Self.clamp(paranoia) - 1].map { ruleSet.rules[$0] }
    }

    public func scan(_ text: String, target: Target, paranoia: Int? = nil, context: ScanContext? = nil) -> Verdict {
        scan(Array(text.utf8), target: target, paranoia: paranoia, context: context)
    }

    /// Scans `bytes` (any bytes; invalid UTF-8 is fine) as `target` and returns the verdict.
    public func scan(_ bytes: [UInt8], target: Target, paranoia: Int? = nil, context: ScanContext? = nil, only ruleFilter: Set<String>? = nil) -> Verdict {
        let pl = Self.clamp(paranoia ?? config.defaultParanoia)
        let ctx = context ?? ScanContext(target: target)
        var collector = FindingCollector(target: target, paranoia: pl, maxFindings: config.maxFindings,
                                         maxWorkBytes: config.maxWorkBytes, maxDuration: config.maxScanDuration)
        var input = bytes
        if bytes.count > config.maxInputBytes {
            var cut = config.maxInputBytes
            while cut > 0, bytes[cut] & 0xC0 == 0x80 { cut -= 1 }
            input = Array(bytes[0..<cut])
            collector.limits.append(LimitHit(kind: .inputSize, rule: nil, detail: "input of \(bytes.count) bytes exceeds \(config.maxInputBytes); scanned the first \(cut)"))
        }
        let views = ViewSet(input, options: config.viewOptions)
        let plan = plans[target]![pl - 1]
        let gate = config.usePrefilter && !plan.literalViews.isEmpty
        var marked: [UInt64] = []
        if gate {
            marked = prefilter.emptyCandidates()
            prefilter.select(plan.literalViews, in: views, shareRawPass: config.shareLiteralPass, into: &marked)
        }
        let candidates = marked
        // Rules with some unit marked: a gated rule outside this set is skipped on one bit test.
        let touched = gate ? prefilter.touchedRules(candidates) : []
        let unitRows = gate ? prefilter.unitRows(candidates) : []
        // Byte-class features of the raw text, computed on the first rule that asks.
        var features: ByteFeatures? = nil
        let byteGate = config.usePrefilter && !prefilter.byteGate.isEmpty
        let skipMask: UInt8 = (gate ? ScanPlan.literalGate : 0) | (byteGate ? ScanPlan.byteGate : 0)
        pool.withScratch { scratch in
            for step in plan.steps {
                let index = Int(step.index)
                let flags = step.flags & skipMask
                let gated = flags & ScanPlan.literalGate != 0
                // No required literal in any of its views: PCRE2 cannot match, skip the rule.
                if gated {
                    if touched[index >> 6] & (1 << UInt64(index & 63)) == 0 { continue }
                    if !unitRows.withUnsafeBufferPointer({ prefilter.anySelected(index, unitRows: $0) }) { continue }
                }
                if flags & ScanPlan.byteGate != 0 {
                    if features == nil { features = ByteFeatures(input) }
                    if !prefilter.byteGate.allows(index, features!) { continue }
                }
                if let ruleFilter, !ruleFilter.contains(ruleSet.rules[index].id) { continue }
                let patternGate = gated ? prefilter.gate(for: index, candidates: candidates) : nil
                RuleEvaluator.evaluate(ruleSet.rules[index], views: views, context: ctx, scratch: scratch, gate: patternGate, into: &collector)
                if collector.outOfBudget { break }
            }
        }
        for note in views.notes {
            collector.limits.append(LimitHit(kind: note.kind == .decodeDepth ? .decodeDepth : .decodeExpansion, rule: nil, detail: note.detail))
        }
        let verdict = collector.verdict(original: input, paranoia: pl, threshold: config.threshold(for: target), failMode: config.failMode(for: target))
        let steps = (config.sanitize[target] ?? []) + verdict.ruleIDs.flatMap { ruleSanitize[$0] ?? [] }
        let limit = config.lengthLimits[target]
        if steps.isEmpty && limit == nil { return verdict }
        return Sanitization.apply(verdict, original: input, steps: steps, limit: limit)
    }

    static func clamp(_ pl: Int) -> Int { min(4, max(1, pl)) }
}
