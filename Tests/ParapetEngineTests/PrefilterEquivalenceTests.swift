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

    /// Per-pattern groups: a rule whose patterns all give literals gets one clause group per
    /// pattern, and a text holding one literal of each clause of one pattern selects that
    /// pattern on that view kind alone (a view the rule reads: marking one it does not read
    /// selects nothing).
    @Test func patternsAreGatedOneByOne() throws {
        let p = Self.gated.prefilter
        // A rule with one group per pattern (none split into branch variants).
        let index = try #require(Self.ruleSet.rules.indices.first { i in
            let count = Self.ruleSet.rules[i].patterns.count
            return count > 1 && p.rulePatterns[i] != nil && p.ruleGroups[i].count == count
        })
        let rule = Self.ruleSet.rules[index]
        let clauses = try #require(LiteralExtraction.requiredClauses(of: rule.patterns[0].source, caseless: rule.patterns[0].options.caseless,
                                                                     canonicalSpace: Prefilter.readsCanonicalOnly(rule)))
        var text: [UInt8] = []
        for c in clauses {
            guard let lit = c.first(where: { $0 != NonASCIIGate.sentinel }) else { return }
            text += Array(" ".utf8) + lit + Array(" ".utf8)
        }
        let kind = try #require(rule.spec.views.first)
        let other: ViewKind = kind == .raw ? .canonical : .raw
        var bits = p.emptyCandidates()
        p.mark(text, mask: Prefilter.bit(kind), into: &bits)
        p.unitRows(bits).withUnsafeBufferPointer { rows in
            let gate = p.gate(for: index, unitRows: rows)
            #expect(gate.allows(kind, pattern: 0), "\(rule.id) on \(kind)")
            #expect(!gate.allows(other, pattern: 0), "\(rule.id) on \(other)")
        }
        // One clause missing: the pattern cannot match, so it is not allowed.
        if clauses.count > 1, let lit = clauses[0].first(where: { $0 != NonASCIIGate.sentinel }) {
            var partial = p.emptyCandidates()
            p.mark(Array(" ".utf8) + lit + Array(" ".utf8), mask: Prefilter.bit(kind), into: &partial)
            let all = clauses.dropFirst().allSatisfy { c in c.contains { lit.firstRange(of: $0) != nil } }
            if !all { #expect(!p.unitRows(partial).withUnsafeBufferPointer { p.gate(for: index, unitRows: $0).allows(kind, pattern: 0) }) }
        }
    }

    /// Branch variants: a text holding one literal of each clause of one variant selects its
    /// rule and allows its pattern (and only on the view kind it was marked on), for every
    /// variant of every split pattern of the pack.
    @Test func everyVariantGateSelectsItsPattern() throws {
        let p = Self.gated.prefilter
        var checked = 0
        for (index, rule) in Self.ruleSet.rules.enumerated() {
            guard let gates = Prefilter.gates(for: rule), let kind = rule.spec.views.first else { continue }
            for gate in gates where gate.pattern != Prefilter.wholeRule && gates.filter({ $0.pattern == gate.pattern }).count > 1 {
                var text: [UInt8] = []
                for c in gate.clauses {
                    guard let lit = c.first(where: { $0 != NonASCIIGate.sentinel }) else { continue }
                    text += Array(" ".utf8) + lit + Array(" ".utf8)
                }
                guard gate.clauses.allSatisfy({ $0.contains { $0 != NonASCIIGate.sentinel } }) else { continue }
                var bits = p.emptyCandidates()
                p.mark(text, mask: Prefilter.bit(kind), into: &bits)
                #expect(p.anySelected(index, in: bits), "\(rule.id) variant of pattern \(gate.pattern + 1)")
                p.unitRows(bits).withUnsafeBufferPointer { rows in
                    let g = p.gate(for: index, unitRows: rows)
                    #expect(g.allows(kind, pattern: Int(gate.pattern)), "\(rule.id) pattern \(gate.pattern + 1) on \(kind)")
                    let other: ViewKind = kind == .raw ? .canonical : .raw
                    #expect(!g.allows(other, pattern: Int(gate.pattern)))
                }
                checked += 1
            }
        }
        #expect(checked > 100)
    }
}
