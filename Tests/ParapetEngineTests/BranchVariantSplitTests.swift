import Testing
@testable import ParapetEngine

/// Branch variants (`LiteralExtraction.branchVariants`): where a pattern is split, and where
/// the split is refused.
struct BranchVariantSplitTests {
    static let splits: [(String, [String]?)] = [
        // Top-level branches, each alone.
        ("send.*history|mailbox", ["send.*history", "mailbox"]),
        // The widest unquantified top-level group, written with one branch at a time.
        (#"\b(?:please|kindly) (?:send \w+ password|grant \w+ access)\b"#,
         [#"\b(?:please|kindly) (?:send \w+ password)\b"#, #"\b(?:please|kindly) (?:grant \w+ access)\b"#]),
        // Capturing, named and option groups keep their opening.
        ("x(a|bb)y", ["x(a)y", "x(bb)y"]),
        ("x(?<v>a|bb)y", ["x(?<v>a)y", "x(?<v>bb)y"]),
        ("x(?i:a|bb)y", ["x(?i:a)y", "x(?i:bb)y"]),
        // `|` inside a class, an escape or a nested group is not a branch of the outer one.
        (#"([|]|\|)z"#, [#"([|])z"#, #"(\|)z"#]),
        (#"((?:a|b)c|d)"#, [#"((?:a|b)c)"#, #"(d)"#]),
        ("[]|](x|y)", ["[]|](x)", "[]|](y)"]),
        ("[[:alpha:]|](x|y)", ["[[:alpha:]|](x)", "[[:alpha:]|](y)"]),
        // A comment is skipped; an option setting before the group is kept as it is.
        ("(?# a|b )(?i)(x|y)", ["(?# a|b )(?i)(x)", "(?# a|b )(?i)(y)"]),
        // Not every match goes through a quantified group, a lookaround, or a nested one.
        ("(?:a|b)?c", nil),
        ("(?:a|b){0,2}c", nil),
        ("(?=a|b)c", nil),
        ("(?!a|b)c", nil),
        ("(?<=a|b)c", nil),
        ("x(y(a|b))", nil),
        // Unsafe to split textually: references, subroutines, branch resets, conditionals,
        // extended mode, quoting, and an option set between branches.
        (#"(a|b)\1"#, nil),
        (#"(?<n>a|b)\k<n>"#, nil),
        ("(a|b)(?1)", nil),
        ("(?|(a)|(b))", nil),
        ("(?(1)a|b)", nil),
        ("(?x) a | b", nil),
        (#"\Qa|b\E"#, nil),
        ("a(?i)b|c", nil),
        ("(a(?i)b|c)d", nil),
        // Nothing to split.
        ("abc", nil),
        ("(abc)", nil),
    ]

    @Test(arguments: Self.splits)
    func splitsAtTheWidestAlternationEveryMatchTakes(_ pattern: String, _ expected: [String]?) {
        #expect(LiteralExtraction.branchVariants(of: pattern) == expected)
    }

    @Test func tooManyBranchesAreNotSplit() {
        let words = (0..<(LiteralExtraction.maxVariants + 1)).map { "word\($0)" }
        #expect(LiteralExtraction.branchVariants(of: "(?:" + words.joined(separator: "|") + ") now") == nil)
        #expect(LiteralExtraction.branchVariants(of: "(?:" + words.dropLast().joined(separator: "|") + ") now")?.count == LiteralExtraction.maxVariants)
    }

    /// Any text, as a user's rule file may hold: the splitter never traps, and each variant is
    /// the pattern with some of its text (a bar at least) left out.
    @Test func anyTextIsReadWithoutTrapping() {
        var rng = PrefilterAutomatonTests.RNG(state: 5)
        let alphabet = Array("ab|()[]\\?:=!<>'P*+{},#^-ixQE1kg.".utf8)
        var splits = 0
        for _ in 0..<20_000 {
            let text = String(decoding: (0..<Int.random(in: 0...24, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }, as: UTF8.self)
            guard let variants = LiteralExtraction.branchVariants(of: text) else { continue }
            splits += 1
            #expect(variants.count >= 2 && variants.count <= LiteralExtraction.maxVariants, "\(text)")
            #expect(variants.allSatisfy { $0.utf8.count < text.utf8.count }, "\(text)")
        }
        #expect(splits > 100)
    }
}
