import Testing
import ParapetTestKit
@testable import ParapetRegex

/// `AlternationDispatch` regroups long alternations by first character, and the regrouped
/// pattern (run on any text) and twin (on ASCII text) find exactly the matches and groups of the
/// pattern as written.
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

    /// After a character certainly consumed, an alternation whose members all start with known
    /// letters or digits is guarded by one look-ahead for them; not at the pattern's start, and
    /// not when a member may start otherwise or match nothing.
    @Test func knownStartsGetOneLookAhead() {
        #expect(AlternationDispatch.rewrite("x(?:bomb|botnet|cash|crack|scam|spam)", caseless: true)
                == "x(?:(?=[bcs])(?:b(?:omb|otnet)|c(?:ash|rack)|s(?:cam|pam)))")
        // An optional first part joins the next part's characters; `\b` and look-aheads are skipped.
        #expect(AlternationDispatch.rewrite(#"x\b(?:ab|ac|(?:q|r)?z|\bd|(?=e)ef|7)"#, caseless: false)
                == #"x\b(?:(?=[7adeqrz])(?:a(?:b|c)|(?:q|r)?z|\bd|(?=e)ef|7))"#)
        // Case folded when caseless, kept when not.
        #expect(AlternationDispatch.rewrite("x(?:Ab|ac|ad|ae|af|ag)", caseless: true) == "x(?:(?=[a])(?:A(?:b|c|d|e|f|g)))")
        #expect(AlternationDispatch.rewrite("x(?:Ab|ac|ad|ae|af|ag)", caseless: false) == "x(?:(?=[Aa])(?:Ab|a(?:c|d|e|f|g)))")
        let unguarded = [
            "(?:ab|ac|ad|ae|af|ag)",            // the pattern's start
            "x?(?:ab|ac|ad|ae|af|ag)",          // nothing certainly consumed before
            "x(?:ab|ac|ad|ae|af|)",             // an empty member
            "x(?:ab|ac|ad|ae|af|a?)",           // a member that may match nothing
            "x(?:ab|ac|ad|ae|af|[gh])",         // a class
            "x(?:ab|ac|ad|ae|af|-g)",           // a character that is no letter or digit
            "x(?=(?:ab|ac|ad|ae|af|ag))",       // inside a look-ahead
        ]
        for source in unguarded {
            #expect(!AlternationDispatch.rewrite(source, caseless: true).contains("(?=["), "\(source)")
        }
    }

    /// The look-ahead guard on random alternations after a random prefix: optional and
    /// quantified parts, empty members, look-arounds and digits, in both case modes. The twin
    /// finds the same matches as the pattern.
    @Test func guardedTwinsFindTheSameMatches() throws {
        var rng = SplitMix64(seed: 57)
        let atoms = ["a", "b", "B", "ab", "c", "7", #"\b"#, "(?:c|7)?", "a{0,2}", "b{1,2}", "(?=a)", "(?!b)", "x", " ", "(?:a|b)", "[ab]", ""]
        // Members that begin with a known letter or digit, so most rounds can be guarded.
        let knownStarts = ["a", "b", "B", "ab", "c", "7", "(?:a|b)", "(?:c|7)?a", #"\bb"#, "(?=a)a", "b{1,2}", "a{0,2}b", "x"]
        let prefixes = ["x", "a", "[ab]", #"\b"#, "a?", "(?:ab|c)", "x+?", "(?:a|)", "b*"]
        var guarded = 0
        for round in 0..<400 {
            let count = Int.random(in: 6...12, using: &rng)
            let alternatives = (0..<count).map { _ in
                let lead = round % 4 == 0 ? atoms.randomElement(using: &rng)! : knownStarts.randomElement(using: &rng)!
                return lead + (0..<Int.random(in: 0...2, using: &rng)).map { _ in atoms.randomElement(using: &rng)! }.joined()
            }
            let source = prefixes.randomElement(using: &rng)! + "(?:" + alternatives.joined(separator: "|") + ")" + ["", "c", #"\b"#].randomElement(using: &rng)!
            let caseless = round % 2 == 0
            if AlternationDispatch.rewrite(source, caseless: caseless).contains("(?=[") { guarded += 1 }
            let p = try Pattern(source, options: PatternOptions(caseless: caseless))
            for k in 0..<12 {
                // Every other subject holds characters PCRE2 folds to ASCII letters (K, ſ) and others.
                let alphabet = k % 2 == 0 ? ["a", "b", "c", "x", "A", "B", "7", " "] : ["a", "b", "c", "x", "B", "7", " ", "\u{212A}", "\u{017F}", "é"]
                let subject = Array((0..<Int.random(in: 0...20, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }.joined().utf8)
                let plain = ASCIITwinTests.matches(p, subject, twin: false, plain: true)
                #expect(ASCIITwinTests.matches(p, subject, twin: true) == plain && ASCIITwinTests.matches(p, subject, twin: false) == plain,
                        "\(source) caseless \(caseless) on \(String(decoding: subject, as: UTF8.self).debugDescription)")
            }
        }
        #expect(guarded > 100)
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
            for k in 0..<12 {
                let alphabet = k % 2 == 0 ? ["a", "b", "c", "A", "B", "7", " ", "x"] : ["a", "b", "c", "B", "7", " ", "\u{212A}", "\u{017F}", "é"]
                let subject = Array((0..<Int.random(in: 0...24, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }.joined().utf8)
                let plain = ASCIITwinTests.matches(p, subject, twin: false, plain: true)
                #expect(ASCIITwinTests.matches(p, subject, twin: true) == plain && ASCIITwinTests.matches(p, subject, twin: false) == plain,
                        "\(source) caseless \(caseless) on \(String(decoding: subject, as: UTF8.self).debugDescription)")
            }
        }
        #expect(regrouped > 100)
    }
}
