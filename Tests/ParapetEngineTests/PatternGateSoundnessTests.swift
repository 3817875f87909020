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

    /// Whether `gate` holds on `bytes`: a literal of every clause occurs.
    static func opens(_ gate: Prefilter.Gate, _ bytes: [UInt8]) -> Bool {
        gate.clauses.allSatisfy { clause in
            clause.contains { holds(bytes, Prefilter.normalizeLiteral($0), exactCase: gate.exactCase) || holds(bytes, $0, exactCase: gate.exactCase) }
        }
    }

    /// A pattern with branch variants has several gates; a match must open one of them.
    @Test func everyMatchHoldsALiteralOfEveryClause() {
        let scratch = MatchScratch()
        var matches = 0, gatedPatterns = 0, splitMatches = 0
        for rule in Self.engine.ruleSet.rules {
            guard let gates = Prefilter.gates(for: rule), gates.allSatisfy({ $0.pattern != Prefilter.wholeRule }) else { continue }
            gatedPatterns += rule.patterns.count
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
                            let own = gates.filter { $0.pattern == Int32(k) }
                            if own.count > 1 { splitMatches += 1 }
                            #expect(own.contains { Self.opens($0, bytes) },
                                    "\(rule.id) pattern \(k + 1) on \(kind) of \(text.debugDescription): none of its \(own.count) gates holds")
                        }
                    }
                }
            }
        }
        #expect(gatedPatterns > 400)
        #expect(matches > 800)
        #expect(splitMatches > 20)
    }
}
