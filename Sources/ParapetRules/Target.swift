/// Where a text comes from; rules say which targets they apply to.
public enum Target: String, Sendable, Hashable, CaseIterable, Codable {
    /// The user's prompt.
    case input
    /// Retrieved documents and tool results (indirect injection).
    case context
    /// Model output.
    case output
    /// Arguments of a tool call the model issued.
    case toolArgs = "tool_args"
}

/// What a rule does when it fires.
public enum RuleAction: String, Sendable, Hashable, CaseIterable, Codable {
    /// Adds its score; the per-target threshold decides.
    case flag
    /// Replaces the matched span with a typed placeholder, and adds its score.
    case redact
    /// Blocks whatever the total score.
    case block
}
