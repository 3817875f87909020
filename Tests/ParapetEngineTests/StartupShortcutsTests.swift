import Testing
import Parapet
import ParapetRules
@testable import ParapetEngine

/// The engine start-up shortcuts give what the plain paths give: gates read with a shared
/// `GroupMemo` equal those read without, `minimal(sorted:)` equals `minimal(unique:)`, and
/// `ByteStrings` built from any order equals the sorted set without repeats.
struct StartupShortcutsTests {
    static func same(_ a: [Prefilter.Gate]?, _ b: [Prefilter.Gate]?) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        return a.count == b.count && zip(a, b).allSatisfy { $0.clauses == $1.clauses && $0.exactCase == $1.exactCase }
    }

    @Test func memoizedGatesEqualPlainOnesOnTheDefaultPack() {
        let rules = PrefilterEquivalenceTests.ruleSet.rules
        let memo = GroupMemo()
        // Twice over: the second round reads every large group from the memo.
        for _ in 0..<2 {
            for rule in rules {
                #expect(Self.same(Prefilter.gates(for: rule, memo: memo), Prefilter.gates(for: rule)), "\(rule.id)")
            }
        }
        #expect(memo.count > 0)
    }

    /// A large group (over `GroupMemo.minLength` bytes), repeated within and across patterns,
    /// under each flag set.
    @Test func memoizedGroupsKeepFlagsAndCaseSwitches() {
        let words = (0..<(GroupMemo.minLength / 8)).map { "Word\($0)Tail" }.joined(separator: "|")
        let group = "(?:" + words + ")"
        let switching = "(?:(?i)Case" + words + ")"
        let patterns = [
            #"\bfirst\s+"# + group + #"\s+then\s+"# + group,
            #"second\s+"# + group,
            #"third\s*"# + switching + "END",
            #"fourth\s*"# + switching,
            "(" + group + ")+x",
        ]
        let memo = GroupMemo()
        for _ in 0..<2 {
            for p in patterns {
                for caseless in [false, true] {
                    for space in [false, true] {
                        #expect(LiteralExtraction.requiredClauses(of: p, caseless: caseless, canonicalSpace: space, memo: memo)
                                == LiteralExtraction.requiredClauses(of: p, caseless: caseless, canonicalSpace: space))
                    }
                }
                #expect(LiteralExtraction.exactCaseClauses(of: p, canonicalSpace: false, memo: memo)
                        == LiteralExtraction.exactCaseClauses(of: p, canonicalSpace: false))
            }
        }
        // The `(?i)` inside a stored group still makes the pattern caseless when reused.
        #expect(LiteralExtraction.exactCaseClauses(of: patterns[3], canonicalSpace: false, memo: memo) == nil)
        #expect(memo.count >= 2)
    }

    @Test func groupEndsPairParentheses() {
        let p = Array(#"a(b[(\])]c\(d)(?#x(y)(e(f)g)"#.utf8)
        let ends = GroupMemo.groupEnds(p)!
        #expect(ends[1] == 14) // a class and an escaped "(" hold no group
        #expect(ends[14] == -1) // a comment is no group
        #expect(ends[21] == 28)
        #expect(ends[23] == 26)
        #expect(GroupMemo.groupEnds(Array(#"(\Q)\E)"#.utf8)) == nil)
    }

    static func randomTexts(_ g: inout some RandomNumberGenerator, count: Int) -> [[UInt8]] {
        let alphabet = Array("ab c".utf8)
        return (0..<count).map { _ in (0..<Int.random(in: 0...12, using: &g)).map { _ in alphabet.randomElement(using: &g)! } }
    }

    @Test func minimalInPlaceEqualsMinimalOfArrays() {
        var g = SystemRandomNumberGenerator()
        for round in 0..<300 {
            let texts = Self.randomTexts(&g, count: round % 40 + 1).map { Array($0.prefix(LiteralSets.maxLength)) }
            var arena = LiteralArena(capacity: 64)
            defer { arena.release() }
            let lits = texts.map { arena.add($0) }
            let set = ByteStrings(lits, in: arena)
            #expect(LiteralExtraction.minimal(sorted: set.items, arena) == LiteralExtraction.minimal(unique: Array(Set(texts))))
        }
    }

    @Test func byteStringsAreSortedWithoutRepeatsFromAnyOrder() {
        var g = SystemRandomNumberGenerator()
        for round in 0..<300 {
            var texts = Self.randomTexts(&g, count: round % 50 + 1)
            if round % 3 == 0 { texts.sort { $0.lexicographicallyPrecedes($1) } } // the presorted path
            var arena = LiteralArena(capacity: 64)
            defer { arena.release() }
            let set = ByteStrings(texts.map { arena.add($0) }, in: arena)
            let expected = Array(Set(texts)).sorted { $0.lexicographicallyPrecedes($1) }
            #expect(set.items.map(arena.array) == expected)
        }
    }

    @Test func productAfterOneTextEqualsTheSortedConcatenations() {
        var g = SystemRandomNumberGenerator()
        for round in 0..<300 {
            let first = Self.randomTexts(&g, count: 1)[0]
            let rest = Self.randomTexts(&g, count: round % 8 + 1)
            var arena = LiteralArena(capacity: 64)
            defer { arena.release() }
            let a = ByteStrings(single: arena.add(first))
            let b = ByteStrings(rest.map { arena.add($0) }, in: arena)
            let product = LiteralSets.product(a, b, &arena)
            let expected = Array(Set(rest.map { first + $0 })).sorted { $0.lexicographicallyPrecedes($1) }
            #expect(product.map { $0.items.map(arena.array) } == expected)
        }
    }

    @Test func ruleUnionIsTheSortedSetOfEveryClause() {
        var g = SystemRandomNumberGenerator()
        for round in 0..<200 {
            let gates = (0..<(round % 3 + 1)).map { _ in
                Prefilter.Gate(clauses: (0..<Int.random(in: 1...3, using: &g)).map { _ in Self.randomTexts(&g, count: Int.random(in: 1...6, using: &g)) })
            }
            let expected = Array(Set(gates.flatMap { $0.clauses.joined() })).sorted { $0.lexicographicallyPrecedes($1) }
            #expect(Prefilter.union(gates) == expected)
        }
    }
}
