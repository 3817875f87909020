/// Inserts zero-width characters between the letters of words, where a reader cannot see them.
public struct ZeroWidthMutator: Mutator {
    public let name = "zero-width"
    public init() {}

    static let invisibles: [Unicode.Scalar] = ["\u{200B}", "\u{200C}", "\u{200D}", "\u{2060}", "\u{FEFF}"]

    public func mutate(_ text: String, seed: UInt64) -> String {
        var rng = SeededRandom(seed: seed)
        var out = String.UnicodeScalarView()
        var previousWasLetter = false
        for s in text.unicodeScalars {
            // Between two letters only: that is where word matching breaks.
            if previousWasLetter, s.isASCIILetter, rng.chance(1, in: 2) { out.append(rng.pick(Self.invisibles)) }
            out.append(s)
            previousWasLetter = s.isASCIILetter
        }
        return String(out)
    }
}
