import Parapet
import ParapetEngine
import Testing

/// `RuleCostMeter` counts exactly the rule evaluations a scan makes, charges time only to them,
/// and leaves the verdicts alone.
@Suite struct RuleCostMeterTests {
    static let pack = """
    rules:
      - id: t.meter.alpha
        summary: alpha and a word
        applies_to: [input]
        patterns: ['alpha\\s+\\w+']
      - id: t.meter.bravo
        summary: bravo and digits
        applies_to: [input]
        patterns: ['bravo\\d+']
      - id: t.meter.output-only
        summary: never runs on input
        applies_to: [output]
        patterns: ['alpha']
    """

    static let texts = ["alpha one", "nothing here", "bravo7 and alpha two", "alpha three"]

    func index(_ e: Engine, _ id: String) throws -> Int {
        try #require(e.ruleSet.rules.firstIndex { $0.id == id })
    }

    @Test func gatedScansCountOnlyTheRulesTheirLiteralsSelect() throws {
        let e = try engine(Self.pack, config: EngineConfig(usePrefilter: true))
        let meter = RuleCostMeter(ruleCount: e.ruleSet.rules.count)
        for t in Self.texts {
            let metered = e.scan(Array(t.utf8), target: .input, meter: meter)
            let plain = e.scan(Array(t.utf8), target: .input)
            #expect(metered.ruleIDs == plain.ruleIDs && metered.score == plain.score && metered.findings.count == plain.findings.count)
        }
        let alpha = try index(e, "t.meter.alpha"), bravo = try index(e, "t.meter.bravo"), out = try index(e, "t.meter.output-only")
        #expect(meter.scans == 4)
        #expect(meter.runs[alpha] == 3)
        #expect(meter.runs[bravo] == 1)
        #expect(meter.runs[out] == 0 && meter.nanos[out] == 0)
        #expect(meter.nanos[alpha] > 0 && meter.nanos[bravo] > 0)
        #expect(meter.literalPassNanos > 0)
        // The parts are timed inside the scans, so they cannot add up to more.
        #expect(meter.viewNanos + meter.literalPassNanos + meter.ruleNanos <= meter.scanNanos)

        meter.reset()
        #expect(meter.scans == 0 && meter.scanNanos == 0 && meter.viewNanos == 0 && meter.literalPassNanos == 0)
        #expect(meter.runs.allSatisfy { $0 == 0 } && meter.nanos.allSatisfy { $0 == 0 })
    }

    /// A run counts as fired only when the rule found something: "alpha !" opens alpha's gate
    /// (its literal is there) but its pattern wants a word after it.
    @Test func firedCountsTheRunsThatFoundSomething() throws {
        for prefilter in [true, false] {
            let e = try engine(Self.pack, config: EngineConfig(usePrefilter: prefilter))
            let meter = RuleCostMeter(ruleCount: e.ruleSet.rules.count)
            for t in Self.texts + ["alpha !", "bravo"] { _ = e.scan(Array(t.utf8), target: .input, meter: meter) }
            let alpha = try index(e, "t.meter.alpha"), bravo = try index(e, "t.meter.bravo")
            #expect(meter.runs[alpha] == (prefilter ? 4 : 6) && meter.fired[alpha] == 3)
            #expect(meter.runs[bravo] == (prefilter ? 2 : 6) && meter.fired[bravo] == 1)
            meter.reset()
            #expect(meter.fired.allSatisfy { $0 == 0 })
        }
    }

    /// Each gate group (here one per pattern) counts the runs in which all its clauses were
    /// present, in `Prefilter.gateClauses(for:)` order: which gate let the rule run.
    @Test func groupOpeningsCountEachGateThatLetARuleRun() throws {
        let pack = """
        rules:
          - id: t.meter.either
            summary: alpha and a word, or bravo and digits
            applies_to: [input]
            patterns: ['alpha\\s+\\w+', 'bravo\\d+']
        """
        let e = try engine(pack, config: EngineConfig(usePrefilter: true))
        let i = try index(e, "t.meter.either")
        let gates = try #require(Prefilter.gateClauses(for: e.ruleSet.rules[i]))
        #expect(gates.map(\.pattern) == [0, 1])
        let meter = RuleCostMeter(ruleCount: e.ruleSet.rules.count)
        for t in ["alpha one", "nothing here", "bravo7 and alpha two", "bravo", "alpha !"] {
            _ = e.scan(Array(t.utf8), target: .input, meter: meter)
        }
        #expect(meter.runs[i] == 4)
        #expect(meter.groupOpenings[i] == [3, 2])
        meter.reset()
        #expect(meter.groupOpenings[i].isEmpty)
    }

    @Test func withoutThePrefilterEveryActiveRuleRunsOnEveryScan() throws {
        let e = try engine(Self.pack, config: EngineConfig(usePrefilter: false))
        let meter = RuleCostMeter(ruleCount: e.ruleSet.rules.count)
        for t in Self.texts { _ = e.scan(Array(t.utf8), target: .input, meter: meter) }
        #expect(meter.runs[try index(e, "t.meter.alpha")] == 4)
        #expect(meter.runs[try index(e, "t.meter.bravo")] == 4)
        #expect(meter.runs[try index(e, "t.meter.output-only")] == 0)
        #expect(meter.literalPassNanos == 0)
    }
}
