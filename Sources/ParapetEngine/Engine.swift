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
    public var plans: [Target: [ScanPlan]] {
        Dictionary(uniqueKeysWithValues: Target.allCases.map { ($0, targets[Self.slot($0)].plans) })
    }
    /// What a scan of each target reads (`Target.allCases` order), by position: hashing the
    /// target for the plan, threshold and fail mode cost a few hundred instructions a scan.
    let targets: [TargetSettings]

    /// A target's scan plans (per paranoia level) and its settings from the immutable `config`.
    struct TargetSettings {
        let plans: [ScanPlan]
        let threshold: Int
        let failMode: FailMode
        let sanitize: [SanitizeStep]
        let lengthLimit: LengthLimit?
    }
    /// Reused working memory of the literal pass, one per concurrent scan.
    let literalPool: LiteralScratchPool

    public init(ruleSet: CompiledRuleSet, config: EngineConfig = EngineConfig()) {
        self.ruleSet = ruleSet
        self.ruleSanitize = Dictionary(uniqueKeysWithValues: ruleSet.rules.filter { !$0.spec.sanitize.isEmpty }.map { ($0.id, $0.spec.sanitize) })
        var config = config
        // The pack's l33t vocabulary is read off every pattern: built on another core while
        // this one builds the literal gates and the automaton (start-up wall time).
        let leet = config.viewOptions.leetLexicon.isEmpty ? BackgroundJob { LeetLexicon.build(ruleSet) } : nil
        self.pool = ScratchPool(limits: config.matchLimits)
        var active: [Target: [[Int]]] = [:]
        for t in Target.allCases {
            active[t] = (1...4).map { pl in ruleSet.rules.indices.filter { ruleSet.rules[$0].isActive(target: t, paranoia: pl) } }
        }
        self.active = active
        // Literal gates on all cores, with every pattern's JIT compilation when it is eager.
        let jitting = config.jit == .eager ? ruleSet.rules.flatMap(\.patterns) : []
        let prefilter = Prefilter(ruleSet: ruleSet, gates: Prefilter.allGates(ruleSet, jitting: jitting, cache: config.literalGateCache))
        self.prefilter = prefilter
        if let leet { config.viewOptions.leetLexicon = leet.wait() }
        self.config = config
        literalPool = LiteralScratchPool(units: prefilter.unitCount, states: prefilter.automatonStates, ruleWords: prefilter.vacuous.count)
        targets = Target.allCases.map { t in
            TargetSettings(plans: active[t]!.map { ScanPlan(rules: $0, ruleSet: ruleSet, prefilter: prefilter) },
                           threshold: config.threshold(for: t), failMode: config.failMode(for: t),
                           sanitize: config.sanitize[t] ?? [], lengthLimit: config.lengthLimits[t])
        }
    }

    /// `target`'s position in `Target.allCases` (and in `targets`).
    static func slot(_ target: Target) -> Int {
        switch target {
        case .input: return 0
        case .context: return 1
        case .output: return 2
        case .toolArgs: return 3
        }
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
        scan(bytes, target: target, paranoia: paranoia, context: context, only: ruleFilter, metered: nil)
    }

    /// `scan`, adding to `meter` the time of the scan, of its literal pass and of each rule run.
    public func scan(_ bytes: [UInt8], target: Target, paranoia: Int? = nil, context: ScanContext? = nil, only ruleFilter: Set<String>? = nil,
                     meter: RuleCostMeter) -> Verdict {
        scan(bytes, target: target, paranoia: paranoia, context: context, only: ruleFilter, metered: meter)
    }

    private func scan(_ bytes: [UInt8], target: Target, paranoia: Int?, context: ScanContext?, only ruleFilter: Set<String>?,
                      metered meter: RuleCostMeter?) -> Verdict {
        let started = meter == nil ? nil : ContinuousClock.now
        defer { if let meter, let started { meter.addScan(since: started) } }
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
        let settings = targets[Self.slot(target)]
        let plan = settings.plans[pl - 1]
        if config.usePrefilter && !plan.literalViews.isEmpty {
            literalPool.withScratch { marks in
                var passStart: ContinuousClock.Instant? = nil
                if let meter {
                    // The views the pass reads, built first (they are built once either way), so
                    // the meter can tell building them from reading them.
                    let viewStart = ContinuousClock.now
                    for kind in plan.literalViews { _ = views.views(kind) }
                    meter.addViews(since: viewStart)
                    passStart = ContinuousClock.now
                }
                prefilter.select(plan.literalViews, in: views, shareRawPass: config.shareLiteralPass, into: marks)
                if let meter, let passStart { meter.addLiteralPass(since: passStart) }
                // Rules with some unit marked: no other gated rule can be selected.
                let touched = prefilter.touchedRules(marks)
                runGated(plan, touched: touched, rows: UnsafeBufferPointer(marks.rows), input: input, views: views, context: ctx, only: ruleFilter,
                         meter: meter, into: &collector)
            }
        } else {
            runAll(plan, input: input, views: views, context: ctx, only: ruleFilter, meter: meter, into: &collector)
        }
        for note in views.notes {
            collector.limits.append(LimitHit(kind: note.kind == .decodeDepth ? .decodeDepth : .decodeExpansion, rule: nil, detail: note.detail))
        }
        let verdict = collector.verdict(original: input, paranoia: pl, threshold: settings.threshold, failMode: settings.failMode)
        let steps = collector.anyRuleSanitizes ? settings.sanitize + verdict.ruleIDs.flatMap { ruleSanitize[$0] ?? [] } : settings.sanitize
        let limit = settings.lengthLimit
        if steps.isEmpty && limit == nil { return verdict }
        return Sanitization.apply(verdict, original: input, steps: steps, limit: limit)
    }

    /// The rule loop when the literal pass ran: visits, in pack order, only the rules of
    /// `plan.alwaysRun` and the gated ones in `touched` (a word at a time), so its cost follows
    /// the rules the text selects rather than the size of the pack.
    private func runGated(_ plan: ScanPlan, touched: UnsafeBufferPointer<UInt64>, rows: UnsafeBufferPointer<UInt8>, input: [UInt8], views: ViewSet,
                          context ctx: ScanContext, only ruleFilter: Set<String>?, meter: RuleCostMeter?, into collector: inout FindingCollector) {
        var features: ByteFeatures? = nil
        let byteGate = !prefilter.byteGate.isEmpty
        pool.withScratch { scratch in
            for w in 0..<plan.alwaysRun.count {
                let gatedHere = plan.gated[w] & touched[w]
                var m = plan.alwaysRun[w] | gatedHere
                while m != 0 {
                    let bit = m.trailingZeroBitCount
                    m &= m - 1
                    let index = w << 6 | bit
                    let gated = gatedHere >> UInt64(bit) & 1 != 0
                    // No required literal in any of its views: PCRE2 cannot match, skip the rule.
                    if gated, !prefilter.anySelected(index, unitRows: rows) { continue }
                    if byteGate, plan.flagsByRule[index] & ScanPlan.byteGate != 0 {
                        if features == nil {
                            // Ruled out by what the decoders' precheck saw: no feature pass yet.
                            if views.shortRunsOnly, prefilter.byteGate.needsLongRun(index) { continue }
                            features = ByteFeatures(input)
                        }
                        if !prefilter.byteGate.allows(index, features!) { continue }
                    }
                    if let ruleFilter, !ruleFilter.contains(ruleSet.rules[index].id) { continue }
                    let patternGate = gated ? prefilter.gate(for: index, unitRows: rows) : nil
                    if let meter {
                        if gated {
                            let count = prefilter.groupCount(index)
                            prefilter.forEachOpenGroup(index, unitRows: rows) { meter.addOpenGroup(rule: index, group: $0, of: count) }
                        }
                        let start = ContinuousClock.now
                        RuleEvaluator.evaluate(ruleSet.rules[index], views: views, context: ctx, scratch: scratch, gate: patternGate, into: &collector)
                        meter.addRule(index, since: start, fired: collector.hasFindings(of: ruleSet.rules[index]))
                    } else {
                        RuleEvaluator.evaluate(ruleSet.rules[index], views: views, context: ctx, scratch: scratch, gate: patternGate, into: &collector)
                    }
                    if collector.outOfBudget { return }
                }
            }
        }
    }

    /// The rule loop without the literal pass: every active rule, the byte gate still applies.
    private func runAll(_ plan: ScanPlan, input: [UInt8], views: ViewSet, context ctx: ScanContext,
                        only ruleFilter: Set<String>?, meter: RuleCostMeter?, into collector: inout FindingCollector) {
        var features: ByteFeatures? = nil
        let byteGate = config.usePrefilter && !prefilter.byteGate.isEmpty
        pool.withScratch { scratch in
            for step in plan.steps {
                let index = Int(step.index)
                if byteGate, step.flags & ScanPlan.byteGate != 0 {
                    if features == nil { features = ByteFeatures(input) }
                    if !prefilter.byteGate.allows(index, features!) { continue }
                }
                if let ruleFilter, !ruleFilter.contains(ruleSet.rules[index].id) { continue }
                let start = meter == nil ? nil : ContinuousClock.now
                RuleEvaluator.evaluate(ruleSet.rules[index], views: views, context: ctx, scratch: scratch, gate: nil, into: &collector)
                if let meter, let start { meter.addRule(index, since: start, fired: collector.hasFindings(of: ruleSet.rules[index])) }
                if collector.outOfBudget { break }
            }
        }
    }

    static func clamp(_ pl: Int) -> Int { min(4, max(1, pl)) }
}
