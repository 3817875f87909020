/// Replaces letters with the digits and symbols of "l33t" spelling.
public struct LeetMutator: Mutator {
    public let name = "leet"
    public init() {}

    static let table: [Character: Character] = [
        "a": "4", "e": "3", "i": "1", "o": "0", "s": "5", "t": "7", "l": "1", "g": "9", "b": "8",
        "A": "4", "E": "3", "I": "1", "O": "0", "S": "5", "T": "7", "L": "1", "G": "9", "B": "8",
    ]

    public func mutate(_ text: String, seed: UInt64) -> String {
        String(text.map { Self.table[$0] ?? $0 })
    }
}
