import Parapet
import ParapetText
import Testing
@testable import ParapetEngine

/// Rules whose byte-class gate needs a long token are skipped, without the feature pass, on
/// texts the decoders' precheck found to hold only short runs. That skip must be exact: it may
/// only drop a rule the feature pass would have dropped.
@Suite struct ByteGateShortRunsTests {
    typealias RNG = PrefilterAutomatonTests.RNG
    static var gate: ByteClassGate { PrefilterEquivalenceTests.gated.prefilter.byteGate }
    static var rules: [CompiledRule] { PrefilterEquivalenceTests.ruleSet.rules }

    /// The secret formats that always run on input are the ones the precheck answers for.
    @Test func theLongTokenFormatsNeedALongRun() throws {
        for id in ["sec.discord.bot-token", "sec.twilio.api-key"] {
            let index = try #require(Self.rules.firstIndex { $0.id == id })
            #expect(Self.gate.needsLongRun(index), "\(id)")
        }
        // Runs of four digits, or pairs, are not the precheck's to rule out.
        for id in ["pii.card.number", "pii.ip.v4", "sec.salesforce.token"] {
            let index = try #require(Self.rules.firstIndex { $0.id == id })
            #expect(!Self.gate.needsLongRun(index), "\(id)")
        }
    }

    @Test func onlyARunClauseAtTheThresholdCounts() {
        var long = ByteClause(); long.tokenRun = Base64Decoder.minimumRun
        var short = ByteClause(); short.tokenRun = Base64Decoder.minimumRun - 1
        var digits = ByteClause(); digits.digitRun = 20
        var mixed = digits; mixed.tokenRun = 4
        var withPair = ByteClause.pair(1 << UInt16(ByteCategory.at), 1 << UInt16(ByteCategory.letter)); withPair.tokenRun = 30
        #expect(long.isLongRunOnly && digits.isLongRunOnly)
        #expect(!short.isLongRunOnly && !mixed.isLongRunOnly && !withPair.isLongRunOnly && !ByteClause().isLongRunOnly)
    }

    /// Texts of long and short runs, `_`, `-`, `.`, and the non-ASCII partners of s and k that
    /// caseless token classes count: wherever the precheck says short runs only, the feature
    /// pass rules out every rule that needs a long run.
    @Test func theSkipOnlyDropsWhatTheFeaturePassDrops() {
        let indices = Self.rules.indices.filter { Self.gate.needsLongRun($0) }
        #expect(indices.count >= 2)
        let pieces = ["a", "Q", "9", "_", "-", ".", " ", "\u{017F}", "\u{212A}", "é", "=", "+"].map { Array($0.utf8) }
        var rng = RNG(state: 0x5_0c7)
        var short = 0, allowedElsewhere = 0
        for _ in 0..<3_000 {
            var text: [UInt8] = []
            for _ in 0..<Int.random(in: 1...6, using: &rng) {
                let piece = pieces.randomElement(using: &rng)!
                for _ in 0..<Int.random(in: 1...36, using: &rng) { text += piece }
            }
            let features = ByteFeatures(text)
            let views = ViewSet(text)
            _ = views.views(.decoded)
            if views.shortRunsOnly {
                short += 1
                for i in indices where Self.gate.allows(i, features) {
                    Issue.record("\(Self.rules[i].id) allowed on \(String(decoding: text, as: UTF8.self).debugDescription)")
                    return
                }
            } else if indices.contains(where: { Self.gate.allows($0, features) }) {
                allowedElsewhere += 1
            }
        }
        // Both sides of the fact occurred, and texts with long runs still open the gates.
        #expect(short > 100 && allowedElsewhere > 100, "\(short) \(allowedElsewhere)")
    }

    /// Input texts holding the formats' own examples, alone, in prose, and next to non-ASCII
    /// text: found, and verdicts equal with the prefilter off.
    @Test func theFormatsAreStillFoundInInput() throws {
        for id in ["sec.discord.bot-token", "sec.twilio.api-key"] {
            let rule = try #require(Self.rules.first { $0.id == id })
            for example in rule.spec.examples.match {
                for text in [example.text, "please use \(example.text) for the bot", "caf\u{E9} \(example.text) \u{017F}"] {
                    let bytes = Array(text.utf8)
                    let gated = PrefilterEquivalenceTests.gated.scan(bytes, target: .input, paranoia: 1)
                    let full = PrefilterEquivalenceTests.full.scan(bytes, target: .input, paranoia: 1)
                    #expect(gated.ruleIDs.contains(id), "\(id): \(text)")
                    #expect(PrefilterEquivalenceTests.same(gated, full), "\(id): \(text)")
                }
            }
        }
    }
}
