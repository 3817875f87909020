import Testing
import Parapet
import ParapetRegex
import ParapetText
@testable import ParapetEngine

/// Every pattern of the default pack, on every view of every example text of its rule where
/// PCRE2 matches: each clause of the pattern's gate has a literal in that view. Stronger than
/// equal verdicts (`PrefilterEquivalenceTests`): a clause that would hide a match of a pattern
/// whose rule still fires through another pattern is caught too.
struct PatternGateSoundnessTests {
    static let engine = try! Guard().engine

    static func holds(_ view: [UInt8], _ lit: [UInt8], exactCase: Bool) -> Bool {
        if lit == NonASCIIGate.sentinel { return view.contains { $0 >= 0x80 } }
        if exactCase { return LiteralExtraction.holds(view, lit) }
        return PrefilterAutomatonTests.contains(view, lit)
    }

    @Test func everyMatchHoldsALiteralOfEveryClause() {
        let scratch = MatchScratch()
        var matches = 0, gatedPatterns = 0
        for rule in Self.engine.ruleSet.rules {
            guard let gates = Prefilter.gates(for: rule), gates.count == rule.patterns.count else { continue }
            gatedPatterns += gates.count
            let texts = (rule.spec.examples.match + rule.spec.examples.noMatch + rule.spec.examples.todoMatch).map(\.text)
            for text in texts {
                let views = ViewSet(Array(text.utf8), options: Self.engine.config.viewOptions)
                for kind in rule.spec.views {
                    for view in views.views(kind) {
                        let bytes = view.bytes
                        for (k, pattern) in rule.patterns.enumerated() {
                            let outcome = bytes.withUnsafeBufferPointer { pattern.firstMatch(in: $0, scratch: scratch) }
                            guard case .match = outcome else { continue }
                            matches += 1
                            for clause in gates[k].clauses {
                                #expect(clause.contains { Self.holds(bytes, Prefilter.normalizeLiteral($0), exactCase: gates[k].exactCase) || Self.holds(bytes, $0, exactCase: gates[k].exactCase) },
                                        "\(rule.id) pattern \(k + 1) on \(kind) of \(text.debugDescription): no literal of \(clause.prefix(6).map { String(decoding: $0, as: UTF8.self) })")
                            }
                        }
                    }
                }
            }
        }
        #expect(gatedPatterns > 400)
        #expect(matches > 800)
    }
}
