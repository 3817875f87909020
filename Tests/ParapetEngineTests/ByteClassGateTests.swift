import Parapet
import ParapetRegex
import Testing
@testable import ParapetEngine

/// The byte-class gate may only skip rules PCRE2 could not match: every clause derived from a
/// pattern must hold on every text the pattern matches, and verdicts must not change.
struct ByteClassGateTests {
    typealias RNG = PrefilterAutomatonTests.RNG

    static func holds(_ clauses: [ByteClause], _ text: [UInt8]) -> Bool {
        let f = ByteFeatures(text)
        return clauses.allSatisfy { $0.holds(f) }
    }

    /// Mutations aimed at the gate's features: digits, separators, `@`, `$`, `:`, the
    /// non-ASCII partners of s and k, removals and splices.
    static func mutate(_ text: [UInt8], _ other: [UInt8], _ rng: inout RNG) -> [UInt8] {
        let inserts = ["0", "7", "-", ".", " ", "@", "$", ":", "+", "/", "_", "\u{017F}", "\u{212A}", "é", "\n", "4539 1488", "(0)"]
        var t = text
        for _ in 0..<Int.random(in: 1...4, using: &rng) {
            guard !t.isEmpty else { return other }
            let i = Int.random(in: 0..<t.count, using: &rng)
            switch Int.random(in: 0..<6, using: &rng) {
            case 0: t.insert(contentsOf: Array(inserts.randomElement(using: &rng)!.utf8), at: i)
            case 1: t.remove(at: i)
            case 2: if t[i] >= 0x30 && t[i] <= 0x39 { t[i] = UInt8.random(in: 0x30...0x39, using: &rng) } else if t[i] >= 0x61 && t[i] <= 0x7A { t[i] ^= 0x20 }
            case 3: t += Array(" ".utf8) + other
            case 4: t = Array(t[i...]) + Array(t[..<i])
            default: if t[i] == UInt8(ascii: "s") { t.replaceSubrange(i...i, with: Array("\u{017F}".utf8)) } else if t[i] == UInt8(ascii: "k") { t.replaceSubrange(i...i, with: Array("\u{212A}".utf8)) }
            }
        }
        return t
    }

    static var outputTexts: [[UInt8]] {
        PrefilterEquivalenceTests.ruleSet.rules.filter { $0.spec.appliesTo.contains(.output) }
            .flatMap { r in (r.spec.examples.match + r.spec.examples.noMatch + r.spec.examples.todoMatch).map { Array($0.text.utf8) } }
    }

    /// Every pattern of the default pack, on every example text and mutations of them: where
    /// PCRE2 matches, the clauses derived for that pattern hold on the matched bytes.
    @Test func derivedClausesHoldOnEveryMatchOfThePack() {
        let rules = PrefilterEquivalenceTests.ruleSet.rules
        let examples = PrefilterEquivalenceTests.exampleTexts.map { Array($0.utf8) }
        var rng = RNG(state: 0xb17e)
        var texts = examples
        for _ in 0..<1_500 { texts.append(Self.mutate(examples.randomElement(using: &rng)!, examples.randomElement(using: &rng)!, &rng)) }
        let scratch = MatchScratch()
        var checked = 0, gatedPatterns = 0
        var failures: [String] = []
        for rule in rules {
            for p in rule.patterns {
                guard let clauses = ByteClassAnalysis.clauses(of: p.source, caseless: p.options.caseless), !clauses.isEmpty else { continue }
                gatedPatterns += 1
                for text in texts {
                    let outcome = text.withUnsafeBufferPointer { p.firstMatch(in: $0, scratch: scratch) }
                    guard case .match(let range) = outcome else { continue }
                    checked += 1
                    // The clauses describe the consumed bytes, so they hold on the match alone.
                    if !Self.holds(clauses, Array(text[range])) {
                        failures.append("\(rule.id): \(p.source.prefix(60)) on \(String(decoding: text[range], as: UTF8.self).debugDescription) \(clauses)")
                    }
                }
            }
        }
        #expect(gatedPatterns > 100)
        #expect(checked > 1_000)
        #expect(failures.count == 0, "\(failures.prefix(3))")
    }

    /// Random patterns over the constructs the analysis reads, on random texts over an alphabet
    /// of its categories (including ſ and K, which caseless `s`/`k` classes match).
    @Test func derivedClausesHoldForRandomPatterns() throws {
        var rng = RNG(state: 42)
        let atoms = [#"[0-9]"#, #"\d"#, #"[a-f0-9]"#, #"[a-z]"#, #"\w"#, #"\s"#, #"[^a-z]"#, ".", "@", ":", #"\."#, "-", #"\$"#, "s", "k", "K",
                     #"[sk]"#, #"[^\d]"#, #"\x41"#, #"[\x30-\x39]"#, "\u{017F}", #"[-.]"#, #"[ .-]"#, "_", #"\+"#, "/", "'", #"\b"#, "^", "$", #"(?<![\w.])"#, #"(?=\d)"#]
        let quantifiers = ["", "", "", "?", "*", "+", "{2}", "{1,3}", "{2,}", "{0,2}", "{3,5}"]
        func gen(_ depth: Int) -> String {
            let k = depth > 2 ? Int.random(in: 0..<2, using: &rng) : Int.random(in: 0..<6, using: &rng)
            switch k {
            case 0, 1: return atoms.randomElement(using: &rng)! + quantifiers.randomElement(using: &rng)!
            case 2: return "(?:" + (0..<Int.random(in: 2...3, using: &rng)).map { _ in gen(depth + 1) }.joined(separator: "|") + ")" + quantifiers.randomElement(using: &rng)!
            case 3: return "(" + gen(depth + 1) + gen(depth + 1) + ")" + quantifiers.randomElement(using: &rng)!
            case 4: return "(?-i:" + gen(depth + 1) + ")"
            default: return (0..<Int.random(in: 2...4, using: &rng)).map { _ in gen(depth + 1) }.joined()
            }
        }
        let alphabet = ["0", "5", "9", "a", "f", "s", "k", "z", "S", "K", "@", ".", ":", "-", "$", "+", "/", "_", "'", " ", "\n", "\u{017F}", "\u{212A}", "é", "A"]
        let scratch = MatchScratch()
        var checked = 0
        var failures: [String] = []
        for _ in 0..<3_000 {
            let source = gen(0)
            let caseless = Bool.random(using: &rng)
            // All derived clauses, not only the ones the gate keeps: each must be sound.
            guard let pattern = try? Pattern(source, options: PatternOptions(caseless: caseless)),
                  let clauses = ByteClassAnalysis.allClauses(of: source, caseless: caseless), !clauses.isEmpty else { continue }
            for _ in 0..<80 {
                let text = Array((0..<Int.random(in: 0...24, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }.joined().utf8)
                let outcome = text.withUnsafeBufferPointer { pattern.firstMatch(in: $0, scratch: scratch) }
                guard case .match(let range) = outcome else { continue }
                checked += 1
                if !Self.holds(clauses, Array(text[range])) {
                    failures.append("\(source) caseless=\(caseless) on \(String(decoding: text[range], as: UTF8.self).debugDescription) \(clauses)")
                }
            }
        }
        #expect(checked > 2_000)
        #expect(failures.count == 0, "\(failures.prefix(3))")
    }

    /// Output-target verdicts with every gate on and off, on the output rules' examples, their
    /// mutations, and the same texts cut into stream-sized chunks.
    @Test func outputVerdictsAreTheSameWithAndWithoutTheGate() {
        let texts = Self.outputTexts
        #expect(texts.count > 100)
        var rng = RNG(state: 0x0417)
        var cases = texts
        for _ in 0..<600 { cases.append(Self.mutate(texts.randomElement(using: &rng)!, texts.randomElement(using: &rng)!, &rng)) }
        for _ in 0..<200 {
            let t = texts.randomElement(using: &rng)!
            var i = 0
            while i < t.count {
                let n = Int.random(in: 1...24, using: &rng)
                cases.append(Array(t[i..<min(t.count, i + n)]))
                i += n
            }
        }
        var failures: [String] = []
        for bytes in cases {
            for pl in 1...4 {
                let a = PrefilterEquivalenceTests.gated.scan(bytes, target: .output, paranoia: pl)
                let b = PrefilterEquivalenceTests.full.scan(bytes, target: .output, paranoia: pl)
                if !PrefilterEquivalenceTests.same(a, b) {
                    failures.append("PL\(pl) \(String(decoding: bytes, as: UTF8.self).debugDescription): \(a.ruleIDs) vs \(b.ruleIDs)")
                }
            }
        }
        #expect(failures.count == 0, "\(failures.prefix(3))")
    }

    /// The gate is in the path: digit- and `@`-free prose skips the PII rules that always ran.
    @Test func proseWithoutDigitsSkipsThePIIRules() throws {
        let gate = PrefilterEquivalenceTests.gated.prefilter.byteGate
        let rules = PrefilterEquivalenceTests.ruleSet.rules
        let prose = ByteFeatures(Array("The meeting notes are ready; please review the summary before tomorrow.".utf8))
        for id in ["pii.email.address", "pii.card.number", "pii.ip.v4", "pii.ssn.us", "sec.hash.crypt"] {
            let index = try #require(rules.firstIndex { $0.id == id })
            #expect(gate.isGated(index), "\(id)")
            #expect(!gate.allows(index, prose), "\(id)")
        }
        let email = try #require(rules.firstIndex { $0.id == "pii.email.address" })
        #expect(gate.allows(email, ByteFeatures(Array("write to jane.doe@mailbox.org".utf8))))
    }

    @Test func derivedClausesOfKnownShapes() throws {
        // Runs and pairs of a separated number.
        let ssn = try #require(ByteClassAnalysis.clauses(of: #"(?<![\w-])([0-9]{3}-[0-9]{2}-[0-9]{4})(?![\w-])"#, caseless: true))
        #expect(ssn.contains { $0.digitRun == 4 })
        #expect(!Self.holds(ssn, Array("call 555 about 12-34".utf8)))
        #expect(Self.holds(ssn, Array("536-90-4399".utf8)))
        // Syntax the analysis does not model gives no gate at all.
        #expect(ByteClassAnalysis.clauses(of: #"(?(1)a|b)\d{5}"#, caseless: true) == nil)
        #expect(ByteClassAnalysis.clauses(of: #"(?x) \d{5}"#, caseless: true) == nil)
        #expect(ByteClassAnalysis.clauses(of: #"\Q12345\E"#, caseless: true) == nil)
        // A branch without a clause leaves the alternation ungated.
        #expect(ByteClassAnalysis.clauses(of: #"(?:\d{5}|[a-z]+)"#, caseless: true) == [])
        // Caseless letter classes also match ſ and K: their token run counts those bytes.
        let token = try #require(ByteClassAnalysis.clauses(of: #"\b[a-z]{24}\b"#, caseless: true))
        #expect(Self.holds(token, Array(String(repeating: "\u{017F}", count: 24).utf8)))
    }
}
