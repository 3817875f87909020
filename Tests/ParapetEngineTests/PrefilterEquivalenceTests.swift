import Parapet
import Testing
@testable import ParapetEngine

/// The prefilter may only skip work: verdicts with it on and off must be identical.
struct PrefilterEquivalenceTests {
    static let ruleSet: CompiledRuleSet = try! Guard().engine.ruleSet
    static let gated = Engine(ruleSet: ruleSet, config: EngineConfig(usePrefilter: true))
    static let full = Engine(ruleSet: ruleSet, config: EngineConfig(usePrefilter: false))

    static func same(_ a: Verdict, _ b: Verdict) -> Bool {
        a.decision == b.decision && a.score == b.score && a.findings == b.findings
            && a.sanitized == b.sanitized && a.limits == b.limits
    }

    /// Every example text of every rule in the default pack.
    static var exampleTexts: [String] {
        ruleSet.rules.flatMap { r in (r.spec.examples.match + r.spec.examples.noMatch + r.spec.examples.todoMatch).map(\.text) }
    }

    static func check(_ bytes: [UInt8]) -> String? {
        for target in Target.allCases {
            for pl in 1...4 {
                let a = gated.scan(bytes, target: target, paranoia: pl)
                let b = full.scan(bytes, target: target, paranoia: pl)
                if !same(a, b) {
                    return "\(target) PL\(pl) \(String(decoding: bytes, as: UTF8.self).debugDescription): \(a.ruleIDs) vs \(b.ruleIDs)"
                }
            }
        }
        return nil
    }

    @Test func examplesScanTheSameWithAndWithoutPrefilter() {
        #expect(!Self.exampleTexts.isEmpty)
        for text in Self.exampleTexts {
            let problem = Self.check(Array(text.utf8))
            #expect(problem == nil, "\(problem ?? "")")
        }
    }

    @Test func prefilterSkipsRulesOnBenignText() {
        // Not an equivalence check: proves the gate is actually in the path.
        let benign = Array("What is a good recipe for pasta with tomatoes and basil?".utf8)
        let views = ViewSet(benign)
        var bits = Self.gated.prefilter.emptyCandidates()
        for kind in ViewKind.allCases { for v in views.views(kind) { Self.gated.prefilter.mark(v, into: &bits) } }
        let gatedCount = Self.gated.prefilter.ruleLiterals.filter { $0 != nil }.count
        #expect(gatedCount > 0)
        #expect(Self.gated.prefilter.selectedRules(bits).count < gatedCount)
    }

    @Test func rulesWithoutLiteralsAreListed() {
        let listed = Set(Prefilter.rulesWithoutLiterals(Self.ruleSet))
        for (i, rule) in Self.ruleSet.rules.enumerated() {
            #expect(listed.contains(rule.id) == (Self.gated.prefilter.ruleLiterals[i] == nil))
            if let d = rule.detector { #expect(listed.contains(rule.id) == (d.triggerLiterals == nil)) }
        }
    }

    /// Per-pattern units: a rule whose patterns all give literals gets one unit per pattern, and
    /// a text holding only one pattern's literal selects that pattern alone.
    @Test func patternsAreGatedOneByOne() throws {
        let p = Self.gated.prefilter
        let index = try #require(Self.ruleSet.rules.indices.first { Self.ruleSet.rules[$0].patterns.count > 1 && p.unitPerPattern[$0] })
        let rule = Self.ruleSet.rules[index]
        #expect(p.ruleUnits[index].count == rule.patterns.count)
        let lits = try #require(LiteralExtraction.requiredLiterals(of: rule.patterns[0].source, caseless: rule.patterns[0].options.caseless))
        guard let lit = lits.first(where: { $0 != NonASCIIGate.sentinel }) else { return }
        var bits = p.emptyCandidates()
        p.mark(Array(" ".utf8) + lit + Array(" ".utf8), mask: Prefilter.bit(.canonical), into: &bits)
        let gate = p.gate(for: index, candidates: bits)
        #expect(gate.allows(.canonical, pattern: 0))
        #expect(!gate.allows(.raw, pattern: 0))
    }
}
