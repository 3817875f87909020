/// Hides the text in an HTML comment inside harmless visible content.
public struct CommentMutator: Mutator {
    public let name = "html-comment"
    public init() {}

    public func mutate(_ text: String, seed: UInt64) -> String {
        "Thanks for the summary, it looks good.<!-- \(text) -->See you tomorrow."
    }
}
