import Testing
import ParapetRules
import ParapetText
@testable import ParapetOutput

/// The output detectors' cheap prechecks skip work only where the full check finds nothing:
/// random texts built from the pieces that matter (canary letters, dashes, spaces, invisibles,
/// "you are" in mixed case, sentence ends) are run through both.
struct OutputPrecheckTests {
    static let pieces: [String] = [
        "pcy", "PCY", "p c y", "-", " - ", "y", "Y", "\u{200B}", "\u{00A0}", "é", " ", "\n", ".",
        "7k2mq9xtr4hw8bnf5vdc", "pcy-7k2mq9xtr4hw8bnf5vdc", "abcdefghjkmnpqrs", "0", "policy", "you are ", "You Are ", "YOU ARE ",
        "you  are ", "you", "are", "YoU aRe\u{0}", "never ", "always ", "do not ", "you must ", "word",
    ]

    static func randomText<G: RandomNumberGenerator>(_ rng: inout G) -> [UInt8] {
        var s = ""
        for _ in 0..<Int.random(in: 0...24, using: &rng) { s += pieces.randomElement(using: &rng)! }
        return Array(s.utf8)
    }

    @Test func mintedShapePrecheckNeverHidesAShape() {
        var rng = SystemRandomNumberGenerator()
        var shapes = 0, skipped = 0
        for _ in 0..<20_000 {
            let b = Self.randomText(&rng)
            let found = !CanaryDetector.mintedShapes(FoldedText(b, keep: .nonSpace), b).isEmpty
            let may = CanaryDetector.mayHoldMintedShape(b)
            if found { shapes += 1; #expect(may, "\(String(decoding: b, as: UTF8.self).debugDescription)") }
            if !may { skipped += 1 }
        }
        #expect(shapes > 20)
        #expect(skipped > 1_000)
        #expect(CanaryDetector.mayHoldMintedShape(Array("x pcy-7k2mq9xtr4hw8bnf5vdc".utf8)))
        #expect(CanaryDetector.mayHoldMintedShape(Array("P C Y - 7".utf8)))
        #expect(!CanaryDetector.mayHoldMintedShape(Array("state-of-the-art, policies - x".utf8)))
    }

    @Test func youAreCheckMatchesTheLowerCasedSearch() {
        var rng = SystemRandomNumberGenerator()
        var present = 0
        for _ in 0..<20_000 {
            let b = Self.randomText(&rng)
            let lower = b.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
            let reference = PromptLeakDetector.find(lower, "you are ", from: 0) != nil
            #expect(PromptLeakDetector.containsYouAre(b) == reference, "\(String(decoding: b, as: UTF8.self).debugDescription)")
            if reference { present += 1 }
        }
        #expect(present > 1_000)
    }
}
