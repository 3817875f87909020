import ParapetRegex

/// What a condition may look at besides the arguments: session flags, untrusted content, scratch.
struct EvalContext {
    let provenance: Provenance
    let tainted: Bool
    let injectionFlagged: Bool
    let scratch: MatchScratch

    func firstMatch(_ pattern: Pattern, _ text: String) -> MatchOutcome {
        var text = text
        return text.withUTF8 { pattern.firstMatch(in: $0, scratch: scratch) }
    }
}
