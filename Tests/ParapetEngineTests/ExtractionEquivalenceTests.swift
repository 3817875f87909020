import Testing
import Parapet
import ParapetRules
@testable import ParapetEngine

/// The extractor gives the same literals, clause by clause, as the reference extractor
/// (`ReferenceExtraction.swift`, the implementation before arena literals) on every pattern of
/// the default pack, read every way the engine reads them; and the leet lexicon is the same
/// word set as a plain per-byte reading builds.
struct ExtractionEquivalenceTests {
    static let rules = try! RuleCompiler(registry: .standard).compile(DefaultPack.ruleSources).rules

    @Test func defaultPackGatesMatchTheReference() {
        var patterns = 0
        for rule in Self.rules {
            for p in rule.patterns {
                patterns += 1
                for cs in [false, true] {
                    let got = LiteralExtraction.requiredClauses(of: p.source, caseless: p.options.caseless, canonicalSpace: cs)
                    let want = RefLiteralExtraction.requiredClauses(of: p.source, caseless: p.options.caseless, canonicalSpace: cs)
                    #expect(got == want, "\(rule.id) clauses, canonicalSpace \(cs): \(p.source.prefix(80))")
                    let exact = LiteralExtraction.exactCaseClauses(of: p.source, canonicalSpace: cs)
                    #expect(exact == RefLiteralExtraction.exactCaseClauses(of: p.source, canonicalSpace: cs), "\(rule.id) exact-case: \(p.source.prefix(80))")
                    // Both caseless readings, so case-sensitive patterns are also read caseless.
                    let folded = LiteralExtraction.requiredLiterals(of: p.source, caseless: !p.options.caseless, canonicalSpace: cs)
                    #expect(folded == RefLiteralExtraction.requiredLiterals(of: p.source, caseless: !p.options.caseless, canonicalSpace: cs), "\(rule.id) literals: \(p.source.prefix(80))")
                }
            }
        }
        #expect(patterns > 500)
    }

    /// Constructs the pack may not hold yet: bounds, nesting, placeholders, repeats.
    static let edgePatterns: [String] = [
        #"(?:a|b|c)(?:d|e|f)(?:g|h|i)(?:j|k|l)xyz"#,
        #"(?:alpha|beta|gamma|alpha|beta)\s+(?:one|two|one)"#,
        #"(?:"# + (0..<70).map { "w\($0)x" }.joined(separator: "|") + ")",
        #"(?:"# + (0..<200).map { "word\($0)" }.joined(separator: "|") + ")",
        #"(?:"# + (0..<150).map { "w\($0 % 40)yz" }.joined(separator: "|") + ")",
        #"ünïcödé\s+wörds|naïve (?i:café)"#,
        #"(?i)straße|größe|\x{2603}snow"#,
        #"ab+c(?:de){2}f?g{1,3}h*(?:ij|kl)?mno"#,
        #"\bsend\b.{0,40}\b(?:history|logs?)\b.*(?:to|into)\s+(?:me|us)"#,
        #"[pP]ass(?:word|phrase)s?\s*[:=]\s*\S+"#,
        #"(?:(?:abc|abd)(?:e|f)|(?:xyz|xyw)(?:q|r))(?:s|t)"#,
        #"\Qa.b*c\E(?:dd|ee)"#,
        #"(?<name>foo|bar)baz(?=qux)(?!nope)"#,
        #"[\x{202A}-\x{202E}]+hidden"#,
        #"instructions?\s+(?:above|below|before)"#,
    ]

    @Test(arguments: Self.edgePatterns)
    func edgePatternsMatchTheReference(_ p: String) {
        for caseless in [true, false] {
            for cs in [false, true] {
                #expect(LiteralExtraction.requiredClauses(of: p, caseless: caseless, canonicalSpace: cs)
                    == RefLiteralExtraction.requiredClauses(of: p, caseless: caseless, canonicalSpace: cs))
                #expect(LiteralExtraction.exactCaseClauses(of: p, canonicalSpace: cs)
                    == RefLiteralExtraction.exactCaseClauses(of: p, canonicalSpace: cs))
            }
        }
    }

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
}
