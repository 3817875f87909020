/// Result of one search: a match, no match, or a limit that stopped the search.
/// "Ran out of budget" is kept apart from "no match" so a limit hit can never read as clean.
public enum MatchOutcome: Sendable, Equatable {
    /// Byte range of the whole match in the subject.
    case match(Range<Int>)
    case noMatch
    case limit(LimitKind)
}
