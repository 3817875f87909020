import Parapet
import Testing

/// A limit hit is never a silent allow: it follows the target's fail mode.
@Suite struct FailModeTests {
    static let pack = """
    rules:
      - id: t.redos
        summary: catastrophic backtracking
        applies_to: [input]
        score: 1
        views: [raw]
        patterns: ['(a+)+$']
    """

    @Test func limitHitFailsClosedByDefault() throws {
        var config = EngineConfig()
        config.matchLimits = MatchLimits(matchLimit: 5_000)
        let v = try engine(Self.pack, config: config).scan(String(repeating: "a", count: 30) + "!", target: .input)
        #expect(v.limits.map(\.kind) == [.matchLimit])
        #expect(v.limits.first?.rule == "t.redos")
        #expect(v.decision == .block)
        #expect(v.failMode == .closed)
    }

    @Test func failOpenLetsTextThroughAndSaysSo() throws {
        var config = EngineConfig()
        config.matchLimits = MatchLimits(matchLimit: 5_000)
        config.failModes[.input] = .open
        let v = try engine(Self.pack, config: config).scan(String(repeating: "a", count: 30) + "!", target: .input)
        #expect(v.decision == .allow)
        #expect(v.failMode == .open)
    }

    @Test func oversizedInputIsReportedAndTruncatedOnACharacterBoundary() throws {
        var config = EngineConfig()
        config.maxInputBytes = 10
        let v = try engine(Self.pack, config: config).scan("ééééééé", target: .input)
        #expect(v.limits.map(\.kind) == [.inputSize])
        #expect(v.decision == .block)
    }
}
