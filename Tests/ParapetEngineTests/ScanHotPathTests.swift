import ParapetText
import Testing
import ParapetRules
@testable import ParapetEngine
@testable import ParapetDetectors

/// The scan hot path's shortcuts against the plain forms they replace: the byte-class pass
/// against its byte-by-byte reference, the ASCII automaton loop against the general one, marking each
/// automaton state once against marking every hit, the per-unit row bytes and touched-rule
/// bitset against the four-row `anySelected`, and a reused literal scratch against a fresh one.
struct ScanHotPathTests {
    typealias RNG = PrefilterAutomatonTests.RNG

    static func randomText(_ rng: inout RNG) -> [UInt8] {
        let alphabets: [[UInt8]] = [
            Array(0...255),
            Array("abcdefghijklmnopqrstuvwxyz ABCDEFXYZ".utf8),
            Array("the quick brown Fox  a-f 42.\n".utf8),
            Array("abc 0123456789-_.@$:+/'\"`\n\t".utf8) + Array("\u{017F}\u{212A}é".utf8),
            // Prose blocks (letters, whitespace, dots) with a rare other byte: the word-at-a-time path.
            Array("the quick brown fox jumps over A LAZY DOG. \n\t\r..  ".utf8) + Array(repeating: UInt8(ascii: "e"), count: 20) + [0x0B, 0x0C, 0x7F, 0x2C],
        ]
        let alphabet = alphabets.randomElement(using: &rng)!
        return (0..<Int.random(in: 0...300, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }
    }

    static func same(_ a: ByteFeatures, _ b: ByteFeatures) -> Bool {
        a.pairs.0 == b.pairs.0 && a.pairs.1 == b.pairs.1 && a.pairs.2 == b.pairs.2 && a.pairs.3 == b.pairs.3
            && a.bytes == b.bytes && a.digitRun == b.digitRun && a.tokenRun == b.tokenRun
    }

    @Test func byteFeaturesMatchTheReferencePass() {
        var rng = RNG(state: 7)
        var texts: [[UInt8]] = [[], [0x30], Array("a".utf8), Array("abcdefgh".utf8), Array(repeating: 0x61, count: 300),
                                Array(repeating: 0x20, count: 17), Array("x abcdefgh ijklmnop 7".utf8)]
        for _ in 0..<3_000 { texts.append(Self.randomText(&rng)) }
        // Long prose-like texts, so the letter/whitespace pairs saturate before a rare pair shows up.
        let words = ["the", "a", "cafe", "deed", "quarterly", "Report", "zig", "  ", ".", ". ", ".\n", "\t", "..", " . ", "x"]
        for round in 0..<600 {
            var t = ""
            while t.utf8.count < 40 + round % 400 { t += words.randomElement(using: &rng)! + (Bool.random(using: &rng) ? " " : "") }
            if round % 3 == 0 { t += ["7", "-", "@", "é", ":", "  "].randomElement(using: &rng)! + t }
            texts.append(Array(t.utf8))
            texts.append(Array(t.utf8.dropFirst(round % 9)))
        }
        for t in texts {
            let fast = ByteFeatures(t)
            let ref = t.withUnsafeBufferPointer { ByteFeatures(reference: $0) }
            #expect(Self.same(fast, ref), "text \(t)")
        }
    }

    @Test func asciiAutomatonLoopMatchesTheGeneralOne() {
        var rng = RNG(state: 11)
        let alphabet = Array("abcAB .x".utf8)
        for _ in 0..<300 {
            let literals = (0..<Int.random(in: 1...8, using: &rng)).map { _ in
                Prefilter.normalizeLiteral((0..<Int.random(in: 1...4, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! })
            }
            let text = (0..<Int.random(in: 0...60, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }
            let ac = AhoCorasick(literals)
            var general: [[Int]] = [], ascii: [[Int]] = []
            text.withUnsafeBufferPointer { buf in
                ac.scanStates(buf) { general.append([$0, $1]) }
                ac.scanStatesASCII(buf) { ascii.append([$0, $1]) }
            }
            #expect(general == ascii, "literals \(literals) text \(text)")
        }
    }

    /// Marking every hit of every literal, the way the pass worked before states were deduplicated.
    static func markEveryHit(_ p: Prefilter, _ bytes: [UInt8], mask: UInt8) -> [UInt64] {
        var bits = p.emptyCandidates()
        bytes.withUnsafeBufferPointer { buf in
            p.forEachLiteral(in: buf) { id, end in
                let id = Int(id)
                var viewBits = mask
                let e0 = Int(p.exactStart[id]), e1 = Int(p.exactStart[id + 1])
                if e0 != e1 {
                    let start = end - (e1 - e0)
                    guard start >= 0, Array(buf[start..<end]) == Array(p.exactBytes[e0..<e1]) else { return }
                    viewBits = mask
                }
                for k in Int(p.ownerStart[id])..<Int(p.ownerStart[id + 1]) {
                    let o = p.ownerList[k]
                    var m = o.views & viewBits
                    while m != 0 {
                        bits[m.trailingZeroBitCount * p.unitWords + Int(o.unit) >> 6] |= 1 << UInt64(o.unit & 63)
                        m &= m - 1
                    }
                }
            }
        }
        if p.nonASCIIViews & mask != 0, bytes.contains(where: { $0 >= 0x80 }) {
            for o in p.nonASCIIOwners {
                var m = o.views & mask
                while m != 0 {
                    bits[m.trailingZeroBitCount * p.unitWords + Int(o.unit) >> 6] |= 1 << UInt64(o.unit & 63)
                    m &= m - 1
                }
            }
        }
        return bits
    }

    static var texts: [[UInt8]] {
        var rng = RNG(state: 3)
        let examples = PrefilterEquivalenceTests.exampleTexts.map { Array($0.utf8) }
        var out = examples
        for _ in 0..<300 {
            out.append(PrefilterFuzzTests.mutate(examples.randomElement(using: &rng)!, examples.randomElement(using: &rng)!, &rng))
        }
        return out
    }

    @Test func markingEachStateOnceMarksWhatEveryHitMarks() {
        let p = PrefilterEquivalenceTests.gated.prefilter
        for t in Self.texts {
            for kind in [ViewKind.raw, .canonical] {
                var once = p.emptyCandidates()
                p.mark(t, mask: Prefilter.bit(kind), into: &once)
                #expect(once == Self.markEveryHit(p, t, mask: Prefilter.bit(kind)), "text \(String(decoding: t, as: UTF8.self))")
            }
        }
    }

    /// Each target's plans and settings are read by its position in `Target.allCases`: a scan
    /// of each target uses its own threshold, fail mode, sanitizing steps and length limit.
    @Test func targetSettingsAreReadByPosition() {
        for (k, t) in Target.allCases.enumerated() { #expect(Engine.slot(t) == k) }
        var config = EngineConfig(thresholds: [.input: 3, .context: 7, .output: 9, .toolArgs: 11],
                                  failModes: [.input: .open, .context: .closed, .output: .open, .toolArgs: .closed])
        config.sanitize = [.context: [.stripInvisibles], .output: [.neutralizeRoleTokens]]
        config.lengthLimits = [.output: LengthLimit(maxBytes: 40), .toolArgs: LengthLimit(maxTokens: 7)]
        let engine = Engine(ruleSet: PrefilterEquivalenceTests.ruleSet, config: config)
        for t in Target.allCases {
            let s = engine.targets[Engine.slot(t)]
            #expect(s.threshold == config.threshold(for: t) && s.failMode == config.failMode(for: t), "\(t)")
            #expect(s.sanitize == config.sanitize[t] ?? [] && s.lengthLimit == config.lengthLimits[t], "\(t)")
            #expect(s.plans.map { $0.steps.map { Int($0.index) } } == engine.active[t]!, "\(t)")
        }
        // A long output is cut to its limit; the same text as input is not.
        let long = Array(String(repeating: "calm words here. ", count: 10).utf8)
        #expect(engine.scan(long, target: .output).sanitized.map { $0.count <= 40 } == true)
        #expect(engine.scan(long, target: .input).sanitized == nil)
    }

    @Test func unitRowsAndTouchedRulesSelectWhatAnySelectedSelects() {
        let engine = PrefilterEquivalenceTests.gated
        let p = engine.prefilter
        let plan = engine.plans[.input]![3]
        for t in Self.texts {
            var c = p.emptyCandidates()
            p.select(plan.literalViews, in: ViewSet(t), into: &c)
            let rows = p.unitRows(c)
            let touched = p.touchedRules(c)
            for r in engine.ruleSet.rules.indices where !p.ruleGroups[r].isEmpty {
                let old = p.anySelected(r, in: c)
                #expect(old == rows.withUnsafeBufferPointer { p.anySelected(r, unitRows: $0) })
                if old { #expect(touched[r >> 6] & (1 << UInt64(r & 63)) != 0) }
            }
        }
    }

    /// A scratch reused across scans (as the engine's pool does) marks what a fresh one marks,
    /// and `reset` leaves it all zero: the pass clears only what it set.
    @Test func reusedScratchMarksWhatAFreshOneMarks() {
        let engine = PrefilterEquivalenceTests.gated
        let p = engine.prefilter
        let plan = engine.plans[.input]![3]
        let reused = p.makeScratch()
        for t in Self.texts {
            let views = ViewSet(t)
            p.select(plan.literalViews, in: views, into: reused)
            var a = p.emptyCandidates(), b = p.emptyCandidates()
            p.addMarks(of: reused, to: &a)
            p.select(plan.literalViews, in: views, into: &b)
            #expect(a == b, "text \(String(decoding: t, as: UTF8.self))")
            #expect(Array(p.touchedRules(reused)) == p.touchedRules(b))
            #expect(Array(reused.rows) == p.unitRows(b))
            #expect(Set(reused.markedUnits).count == reused.markedUnits.count)
            #expect(reused.rows.indices.filter { reused.rows[$0] != 0 }.count == reused.markedUnits.count)
            reused.reset()
            #expect(reused.rows.allSatisfy { $0 == 0 } && reused.doneMask.allSatisfy { $0 == 0 })
            #expect(reused.markedUnits.isEmpty && reused.count[1] == 0)
        }
    }
}

/// The bracket count's "any bracket in this word" first pass against the byte-by-byte count:
/// a bracket at each position of texts whose length crosses the 8/16/32 word boundaries.
@Test func bracketCountFindsABracketAtEveryPosition() {
    for n in [1, 7, 8, 9, 15, 16, 17, 31, 32, 33, 64] {
        for pos in 0..<n {
            for bracket in Array("()[]{}yY9_|)".utf8) {
                var t = Array(repeating: UInt8(ascii: "a"), count: n)
                t[pos] = bracket
                if pos + 3 < n { t[pos + 3] = 0xFF }
                #expect(TokenSoupDetector.bracketCount(t) == TokenSoupDetector.bracketCount(t, atLeast: Int.max), "n \(n) at \(pos)")
            }
        }
    }
    #expect(TokenSoupDetector.bracketCount([]) == 0)
}
