import Testing
import ParapetRules
import ParapetText
@testable import ParapetEngine
@testable import ParapetDetectors

/// Detectors gated by trigger words: whenever a detector finds something in a view, one of its
/// triggers must occur in that view, or the literal pass would have hidden the hit.
struct PrefilterDetectorTests {
    static let ruleSet = PrefilterEquivalenceTests.ruleSet

    @Test func someDetectorsAreGated() {
        let gated = Self.ruleSet.rules.enumerated().filter { $0.element.detector != nil && PrefilterEquivalenceTests.gated.prefilter.ruleLiterals[$0.offset] != nil }
        #expect(gated.count >= 2)
    }

    @Test func everyDetectorHitContainsATrigger() {
        var texts = PrefilterEquivalenceTests.exampleTexts.map { Array($0.utf8) }
        var rng = PrefilterAutomatonTests.RNG(state: 0xde7)
        for _ in 0..<300 {
            texts.append(PrefilterFuzzTests.mutate(texts.randomElement(using: &rng)!, texts.randomElement(using: &rng)!, &rng))
        }
        var hits = 0
        for (i, rule) in Self.ruleSet.rules.enumerated() {
            guard let detector = rule.detector, let lits = PrefilterEquivalenceTests.gated.prefilter.ruleLiterals[i] else { continue }
            for text in texts {
                let views = ViewSet(text)
                for kind in rule.spec.views {
                    for view in views.views(kind) where !detector.detect(view, context: ScanContext(target: .input)).isEmpty {
                        hits += 1
                        let found = lits.contains { PrefilterAutomatonTests.contains(view.bytes, $0) }
                        #expect(found, "\(rule.id) fired on \(String(decoding: view.bytes, as: UTF8.self).debugDescription) without a trigger")
                    }
                }
            }
        }
        #expect(hits > 10)
    }

    /// The token-soup precheck rests on this: unbalanced brackets never outnumber brackets, for
    /// any prefix the detector may judge.
    @Test func bracketMismatchesNeverExceedBracketCount() {
        var rng = PrefilterAutomatonTests.RNG(state: 99)
        let alphabet = Array("([{}])ab ".utf8)
        for _ in 0..<2_000 {
            let text = (0..<Int.random(in: 0...24, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }
            let end = Int.random(in: 0...text.count, using: &rng)
            let brackets = TokenSoupDetector.bracketCount(text, atLeast: Int.max)
            #expect(TokenSoupDetector.bracketMismatches(text, 0..<end) <= brackets)
            #expect(TokenSoupDetector.bracketCount(text, atLeast: 2) == min(2, brackets))
        }
    }
}
