import Testing
@testable import ParapetEngine

/// `\s` read as a space for rules that only see canonical text, and `x?` joining the literal
/// run: the clauses get longer, and a gated scan still finds what an ungated one does.
struct PrefilterCanonicalSpaceTests {
    static func clauses(_ p: String, canonicalSpace: Bool) -> [Set<String>]? {
        LiteralExtraction.requiredClauses(of: p, caseless: true, canonicalSpace: canonicalSpace)?.map { Set($0.map { String(decoding: $0, as: UTF8.self) }) }
    }

    @Test func spaceJoinsTheRunOnlyInCanonicalMode() {
        let p = #"\b(?:note|reminder)\s+(?:to|for)\s+the\s+bot"#
        let canonical = Self.clauses(p, canonicalSpace: true)
        // One space per `\s+`: the whole phrase is one run, cut to `LiteralSets.maxLength`.
        #expect(canonical?.first == ["note to the ", "note for the", "reminder to ", "reminder for"])
        #expect(Self.clauses(p, canonicalSpace: false)?.contains(["note ", "reminder "]) == false)
        // "notes to the bot" holds no "note " or "reminder ": the gate stays shut.
        #expect(canonical?.contains { c in !c.contains { "notes to the bot".contains($0) } } == true)
    }

    @Test func optionalExactPieceJoinsTheRun() {
        #expect(Self.clauses(#"instructions?\s+of"#, canonicalSpace: true)?.first == ["instruction of", "instructions of"].map { String($0.prefix(LiteralSets.maxLength)) }.reduce(into: Set<String>()) { $0.insert($1) })
        #expect(Self.clauses(#"rules?\s+for"#, canonicalSpace: true)?.first == ["rule for", "rules for"])
        #expect(Self.clauses(#"colou?r"#, canonicalSpace: false) == [["color", "colour"]])
    }

    static let pack = """
    rules:
      - id: t.space.note
        summary: note to the bot
        applies_to: [input]
        views: [canonical, decoded]
        patterns: ['\\b(?:note|reminder)s?\\s+(?:to|for)\\s+(?:the\\s+)?(?:bot|agent)s?\\b']
    """

    /// Every character PCRE2's UCP `\\s` matches becomes a space in the canonical view, so the
    /// gated engine fires exactly where the ungated one does.
    @Test(arguments: ["\t", "\n", "\u{0B}", "\u{0C}", "\r", " ", "  ", "\u{85}", "\u{A0}", "\u{1680}", "\u{2000}", "\u{2003}",
                      "\u{200A}", "\u{2028}", "\u{2029}", "\u{202F}", "\u{205F}", "\u{3000}", " \u{A0} ", "\u{200B} ", "\u{A8}"])
    func gatedMatchesUngatedAcrossWhitespace(_ ws: String) throws {
        let gated = try engine(Self.pack, config: EngineConfig(usePrefilter: true))
        let full = try engine(Self.pack, config: EngineConfig(usePrefilter: false))
        for text in ["Note\(ws)to\(ws)the\(ws)bot: do it", "REMINDERS\(ws)FOR\(ws)agents", "notes\(ws)on the bot"] {
            let a = gated.scan(text, target: .input), b = full.scan(text, target: .input)
            #expect(a.ruleIDs == b.ruleIDs, "\(text.debugDescription)")
        }
        #expect(!gated.scan("Note\(ws)to\(ws)the\(ws)bot", target: .input).ruleIDs.isEmpty || ws == "\u{A8}")
    }
}
