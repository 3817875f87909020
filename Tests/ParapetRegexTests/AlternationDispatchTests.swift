import Testing
import ParapetTestKit
@testable import ParapetRegex

/// `AlternationDispatch` regroups long alternations of a twin by first character, and the
/// regrouped twin finds exactly the matches and groups of its pattern.
@Suite struct AlternationDispatchTests {
    @Test func membersWithTheSameStartShareIt() {
        let out = AlternationDispatch.rewrite(#"\b(?:bomb|botnet|\bbribe|cash|crack|scam|spam)\b"#, caseless: true)
        #expect(out == #"\b(?:(?=b)(?:bomb|botnet|\bbribe)|c(?:ash|rack)|s(?:cam|pam))\b"#)
    }

    /// Case folds into one group only when matching is caseless.
    @Test func capitalsJoinTheirLetterOnlyWhenCaseless() {
        let source = "(?:Ab|ac|ad|ae|af|ag)"
        #expect(AlternationDispatch.rewrite(source, caseless: true) == "(?:A(?:b|c|d|e|f|g))")
        #expect(AlternationDispatch.rewrite(source, caseless: false) == "(?:Ab|a(?:c|d|e|f|g))")
    }

    /// An alternative whose first character is unknown is never moved past.
    @Test func unknownStartsCloseTheRun() {
        #expect(AlternationDispatch.rewrite("(?:ab|[xy]z|ac|ad|ae|af)", caseless: true) == "(?:ab|[xy]z|a(?:c|d|e|f))")
        #expect(AlternationDispatch.rewrite("(?:ab|b?c|ac|ad|ae|af)", caseless: true) == "(?:ab|b?c|a(?:c|d|e|f))")
        #expect(AlternationDispatch.rewrite(#"(?:ab|\wc|ac|ad|ae|af)"#, caseless: true) == #"(?:ab|\wc|a(?:c|d|e|f))"#)
    }

    @Test func leftAlone() {
        let unchanged = [
            "(?:ab|ac|ad)",                         // too few alternatives
            "(?:(a)b|ac|ad|ae|af|ag)",              // a capturing group inside
            "(?:(?<n>a)b|ac|ad|ae|af|ag)",          // a named one
            "(?<=ab|ac|ad|ae|af|ag)x",              // inside a lookbehind
            "(?<=(?:ab|ac|ad|ae|af|ag))x",
            "(?i)(?:ab|ac|ad|ae|af|ag)",            // inline options
            "(?:ab|ac|ad|ae|af|ag)(*COMMIT)x",      // a backtracking verb
            #"(a)(?:ab|ac|ad|ae|af|ag)\1"#,         // a back-reference
            #"(?:ab|ac|ad|ae|af|ag)\cx"#,           // \c takes the next byte
            "(?:ab|ac|ad|ae|af|ag",                 // unbalanced
        ]
        for source in unchanged { #expect(AlternationDispatch.rewrite(source, caseless: true) == source, "\(source)") }
        // Nested alternations are regrouped inside a capturing group, which keeps its number.
        #expect(AlternationDispatch.rewrite("(x|(?:ab|ac|ad|ae|af|ag))", caseless: true) == "(x|(?:a(?:b|c|d|e|f|g)))")
    }

    /// Random alternations of words, `\b`, classes, quantified first characters, digits,
    /// captures and nested groups, in both case modes: the pattern (its twin regrouped) finds
    /// the same matches and group 1 as without the twin, on random ASCII subjects.
    @Test func regroupedTwinsFindTheSameMatches() throws {
        var rng = SplitMix64(seed: 31)
        let atoms = ["a", "b", "B", "ab", "ba", "abc", "bb", "c", "7", #"\b"#, "[ab]", "a?", "b+", #"\d"#, "(?:a|c)", " "]
        var regrouped = 0
        for round in 0..<400 {
            let count = Int.random(in: 2...14, using: &rng)
            // One pattern in five may hold a capturing group (whose alternation is left alone).
            let pool = round % 5 == 0 ? atoms + ["(c)"] : atoms
            let alternatives = (0..<count).map { _ in
                (0..<Int.random(in: 1...3, using: &rng)).map { _ in pool.randomElement(using: &rng)! }.joined()
            }
            let tail = ["", "c", #"\b"#, "a*"].randomElement(using: &rng)!
            let source = "(?:" + alternatives.joined(separator: "|") + ")" + tail
            let caseless = round % 2 == 0
            if AlternationDispatch.rewrite(source, caseless: caseless) != source { regrouped += 1 }
            let p = try Pattern(source, options: PatternOptions(caseless: caseless))
            for _ in 0..<12 {
                let subject = (0..<Int.random(in: 0...24, using: &rng)).map { _ in Array("abcAB7 x".utf8).randomElement(using: &rng)! }
                #expect(ASCIITwinTests.matches(p, subject, twin: true) == ASCIITwinTests.matches(p, subject, twin: false),
                        "\(source) caseless \(caseless) on \(String(decoding: subject, as: UTF8.self).debugDescription)")
            }
        }
        #expect(regrouped > 100)
    }
}
