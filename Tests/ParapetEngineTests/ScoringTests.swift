import Parapet
import Testing

/// Anomaly scoring: rules add their score once, the threshold decides, paranoia selects rules.
@Suite struct ScoringTests {
    static let pack = """
    rules:
      - id: t.weak.one
        summary: weak signal one
        applies_to: [input]
        score: 3
        patterns: ['alpha']
      - id: t.weak.two
        summary: weak signal two
        applies_to: [input]
        score: 2
        patterns: ['beta']
      - id: t.strict.pl3
        summary: only at paranoia 3
        applies_to: [input]
        paranoia: 3
        score: 5
        patterns: ['gamma']
      - id: t.hard.block
        summary: blocks alone
        applies_to: [input]
        score: 1
        action: block
        patterns: ['delta']
      - id: t.output.only
        summary: output only
        applies_to: [output]
        score: 5
        patterns: ['alpha']
    """

    @Test func oneWeakSignalAllowsTwoBlock() throws {
        let e = try engine(Self.pack)
        let one = e.scan("alpha alpha alpha", target: .input)
        #expect(one.decision == .allow)
        #expect(one.score == 3, "a rule counts once however often it matches")
        #expect(one.findings.map(\.rule) == ["t.weak.one"])
        let both = e.scan("alpha and beta", target: .input)
        #expect(both.decision == .block)
        #expect(both.score == 5)
    }

    @Test func paranoiaSelectsRules() throws {
        let e = try engine(Self.pack)
        #expect(e.scan("gamma", target: .input).decision == .allow)
        #expect(e.scan("gamma", target: .input, paranoia: 2).decision == .allow)
        #expect(e.scan("gamma", target: .input, paranoia: 3).decision == .block)
    }

    @Test func blockActionBlocksBelowThreshold() throws {
        let v = try engine(Self.pack).scan("delta", target: .input)
        #expect(v.score == 1)
        #expect(v.decision == .block)
    }

    @Test func targetsSelectRules() throws {
        let e = try engine(Self.pack)
        #expect(e.scan("alpha", target: .output).decision == .block)
        #expect(e.scan("alpha", target: .context).findings.isEmpty)
    }

    @Test func thresholdsAreConfigurablePerTarget() throws {
        var config = EngineConfig()
        config.thresholds[.input] = 3
        #expect(try engine(Self.pack, config: config).scan("alpha", target: .input).decision == .block)
    }
}
