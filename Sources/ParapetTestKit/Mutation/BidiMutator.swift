/// Wraps each word in a right-to-left override and its pop, which renders the same but splits tokens.
public struct BidiMutator: Mutator {
    public let name = "bidi"
    public init() {}

    public func mutate(_ text: String, seed: UInt64) -> String {
        text.split(separator: " ", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? "" : "\u{202A}" + $0 + "\u{202C}" }
            .joined(separator: " ")
    }
}
