import Testing
import Parapet
import ParapetRules
@testable import ParapetEngine

/// The leet lexicon is the same word set as a plain per-byte reading of the pack builds.
///
/// (The clause-by-clause comparison with the pre-arena extractor was retired when clauses began
/// to read `\s+` as one space and to cut long literals; soundness is now held per pattern by
/// `PatternGateSoundnessTests`, `CanonicalSpaceClausesTests` and `PrefilterFuzzTests`.)
struct LeetLexiconTests {
    @Test func leetLexiconMatchesAPlainReading() throws {
        let set = try RuleCompiler(registry: .standard).compile(DefaultPack.ruleSources)
        var words = Set<[UInt8]>()
        for rule in set.rules {
            for text in rule.spec.patterns.map(\.source) + rule.spec.literals {
                var run: [UInt8] = []
                var escaped = false
                for b in text.utf8 {
                    let lower = b >= 0x41 && b <= 0x5A ? b | 0x20 : b
                    if !escaped && lower >= 0x61 && lower <= 0x7A {
                        run.append(lower)
                    } else {
                        if run.count >= 4 && (run.contains(0x69) || run.contains(0x6C)) { words.insert(run) }
                        run.removeAll()
                    }
                    escaped = !escaped && b == 0x5C
                }
                if run.count >= 4 && (run.contains(0x69) || run.contains(0x6C)) { words.insert(run) }
            }
        }
        #expect(words.count > 100)
        #expect(LeetLexicon.build(set) == words)
    }

    /// The engine builds the lexicon (on another core) into its view options, and keeps one
    /// the caller supplies.
    @Test func theEngineReadsWithThePacksLexicon() throws {
        let set = try RuleCompiler(registry: .standard).compile(DefaultPack.ruleSources)
        let read = Engine(ruleSet: set).config.viewOptions.leetLexicon, built = LeetLexicon.build(set)
        let same = read == built
        #expect(same, "the engine holds \(read.count) l33t words, the pack has \(built.count)")
        var config = EngineConfig()
        config.viewOptions.leetLexicon = [Array("rules".utf8)]
        #expect(Engine(ruleSet: set, config: config).config.viewOptions.leetLexicon == [Array("rules".utf8)])
    }
}
