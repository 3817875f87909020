/// Writes every character as a decimal HTML entity (`&#105;`), as markup would carry it.
public struct EntityMutator: Mutator {
    public let name = "html-entities"
    public init() {}

    public func mutate(_ text: String, seed: UInt64) -> String {
        "<p>" + text.unicodeScalars.map { "&#\($0.value);" }.joined() + "</p>"
    }
}
