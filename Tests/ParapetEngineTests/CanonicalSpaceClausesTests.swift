import Testing
import ParapetRegex
import ParapetText
@testable import ParapetEngine

/// Clauses of patterns that run on canonical text only: `\s+` is one space there, long exact
/// products are cut to `LiteralSets.maxLength` with their parts kept as clauses, an alternation
/// too wide for `maxRequired` shrinks its widest branches, and a set with the non-ASCII sentinel
/// takes no short runs of non-ASCII literals.
struct CanonicalSpaceClausesTests {
    static func clauses(_ p: String, canonicalSpace: Bool = true) -> [Set<String>]? {
        LiteralExtraction.requiredClauses(of: p, caseless: true, canonicalSpace: canonicalSpace)?
            .map { Set($0.map { $0 == NonASCIIGate.sentinel ? "<non-ASCII>" : String(decoding: $0, as: UTF8.self) }) }
    }

    @Test func spaceRunsAreOneSpace() {
        #expect(Self.clauses(#"kill(?:ing)?\s+(?:someone|people)"#)?.first == ["kill someone", "kill people", "killing some", "killing peop"])
        #expect(Self.clauses(#"a\s*bcd"#)?.first == ["abcd", "a bcd"])
        #expect(Self.clauses(#"foo\s{1,3}bar"#)?.first == ["foo bar"])
        // Outside canonical text `\s+` may be any run: the words stay apart.
        #expect(Self.clauses(#"kill(?:ing)?\s+(?:someone|people)"#, canonicalSpace: false)?.contains(["kill someone"]) == false)
        // Two or more spaces never occur in canonical text; the clause stays sound anyway.
        #expect(Self.clauses(#"foo\s{2}bar"#)?.first?.contains("foo bar") == false)
    }

    @Test func cutLiteralsKeepTheirPartsAsClauses() {
        let c = Self.clauses(#"instructions?\s+(?:above|below|before)"#)
        // Cut to 12 bytes, "instructions above" keeps nothing of "above": that part is a clause.
        #expect(c?.first == ["instructions", "instruction "])
        #expect(c?.contains(["above", "below", "before"]) == true)
        for lits in c ?? [] { #expect(lits.allSatisfy { $0.utf8.count <= LiteralSets.maxLength }) }
    }

    @Test func aWideAlternationShrinksItsWidestBranches() throws {
        // 100 branches of 6 texts each: 600 texts, more than `maxRequired`.
        let branches = (0..<100).map { #"verb\#($0)\s+(?:alpha|beta|gamma|delta|epsilon|zeta)"# }
        let pattern = #"\bplease\s+(?:"# + branches.joined(separator: "|") + ")"
        let c = try #require(Self.clauses(pattern))
        let wide = try #require(c.first { $0.count >= 100 })
        #expect(wide.count <= LiteralSets.maxRequired)
        // Every branch still has a literal its matches hold.
        for k in 0..<100 {
            let text = "verb\(k) gamma"
            #expect(wide.contains { text.contains($0) }, "\(text)")
        }
    }

    /// A cased character outside canonical text is a placeholder, and a literal whose plain runs
    /// are all short becomes the sentinel; in canonical text an uncased one is its bytes.
    @Test func aSentinelTakesNoShortRunsOfNonASCIILiterals() {
        #expect(Self.clauses(#"κακόai|evil\s+robot"#, canonicalSpace: false)?.first == ["<non-ASCII>", "robot"])
        // 사악한 is nine bytes: with " ai" it is `LiteralSets.maxLength`, kept whole.
        #expect(Self.clauses(#"사악한\s*ai|evil\s+robot"#)?.first == ["사악한 ai", "사악한ai", "evil robot"])
        // A longer one is cut to that many bytes.
        #expect(Self.clauses(#"사악한\s*robot"#)?.first == ["사악한 ro", "사악한rob"])
    }

    /// Random patterns of words, space runs, optional parts and wide alternations, run on the
    /// canonical view of texts sampled from them: whenever PCRE2 matches there, every clause
    /// has a literal in the canonical text.
    @Test func canonicalClausesAreRequiredByRandomPatterns() throws {
        var rng = PrefilterAutomatonTests.RNG(state: 11)
        let words = ["ignore", "previous", "instructions", "a", "the", "xyz", "KEY", "über", "開発", "someone", "steal", "credentials"]
        let spaces = [" ", "  ", "\t", "\n", "\u{A0}", " \u{200B} ", "\u{3000}"]
        func gen(_ depth: Int) -> (pattern: String, sample: () -> String) {
            let k = depth > 2 ? Int.random(in: 0..<3, using: &rng) : Int.random(in: 0..<9, using: &rng)
            switch k {
            case 0, 1:
                let w = words.randomElement(using: &rng)!
                return (w, { [w, w.uppercased()].randomElement()! })
            case 2:
                let q = [#"\s+"#, #"\s*"#, #"\s?"#, #"\s{1,2}"#, #"\s"#].randomElement(using: &rng)!
                return (q, { q == #"\s*"# || q == #"\s?"# ? ["", spaces.randomElement()!].randomElement()! : spaces.randomElement()! })
            case 3:
                let parts = (0..<Int.random(in: 2...4, using: &rng)).map { _ in gen(depth + 1) }
                return ("(?:" + parts.map(\.pattern).joined(separator: "|") + ")", { parts.randomElement()!.sample() })
            case 4:
                let p = gen(depth + 1)
                return ("(?:" + p.pattern + ")?", { Bool.random() ? p.sample() : "" })
            case 5:
                // A wide alternation of multi-word phrases: products, cuts and shrinking.
                let n = Int.random(in: 40...90, using: &rng)
                let phrases = (0..<n).map { i in "w\(i)\\s+(?:one|two|three|four|five)\\s+(?:x|yy|zzz)" }
                return ("(?:" + phrases.joined(separator: "|") + ")", {
                    "w\(Int.random(in: 0..<n)) " + ["one", "two", "three", "four", "five"].randomElement()! + spaces.randomElement()! + ["x", "yy", "zzz"].randomElement()!
                })
            case 6: return (#"[a-z]{1,3}"#, { "q" })
            case 7: return (#"\b"#, { "" })
            default:
                let parts = (0..<Int.random(in: 2...4, using: &rng)).map { _ in gen(depth + 1) }
                return (parts.map(\.pattern).joined(), { parts.map { $0.sample() }.joined() })
            }
        }
        let scratch = MatchScratch()
        var checked = 0
        for _ in 0..<600 {
            let g = gen(0)
            guard let clauses = LiteralExtraction.requiredClauses(of: g.pattern, caseless: true, canonicalSpace: true) else { continue }
            let pattern = try Pattern(g.pattern)
            for _ in 0..<5 {
                let text = Canonicalizer.canonicalView(of: Array(("-" + g.sample() + ".").utf8)).bytes
                let matched = text.withUnsafeBufferPointer { pattern.firstMatch(in: $0, scratch: scratch) }
                guard case .match = matched else { continue }
                checked += 1
                for lits in clauses {
                    let ok = lits.contains { $0 == NonASCIIGate.sentinel ? text.contains { $0 >= 0x80 } : PrefilterAutomatonTests.contains(text, $0) }
                    #expect(ok, "pattern \(g.pattern.prefix(200)) text \(String(decoding: text, as: UTF8.self)) literals \(lits.prefix(8).map { String(decoding: $0, as: UTF8.self) })")
                }
            }
        }
        #expect(checked > 150)
    }
}

/// Common words are ranked by how often they occur, not by their length.
struct CommonWordsTests {
    static func check(_ s: String) -> Bool {
        Array(s.utf8).withUnsafeBufferPointer { CommonWords.isCommon($0) }
    }

    @Test func recognisesWholeCommonWordsOnly() {
        #expect(Self.check("information"))
        #expect(Self.check(" without "))
        #expect(Self.check("a"))
        #expect(!Self.check("informatio"))
        #expect(!Self.check("credentials"))
        #expect(!Self.check("without getting"))
        #expect(!Self.check(""))
        #expect(!Self.check("WITHOUT"))
    }

    @Test func aLongCommonWordLosesToARarerShorterOne() {
        // By length, " information" (capped at 8) would beat "steal " (6).
        let c = LiteralExtraction.requiredClauses(of: #"steal(?:ing)?\s+\w+\s+(?:credentials|information)"#, caseless: true, canonicalSpace: true)
        #expect(c?.first.map { Set($0.map { String(decoding: $0, as: UTF8.self) }) } == ["steal ", "stealing "])
    }
}
