/// Swaps Latin letters for Cyrillic or Greek look-alikes (about two in three eligible letters).
public struct HomoglyphMutator: Mutator {
    public let name = "homoglyph"
    public init() {}

    /// Latin letter → a visually identical letter from another script.
    static let table: [Unicode.Scalar: Unicode.Scalar] = [
        "a": "\u{0430}", "c": "\u{0441}", "e": "\u{0435}", "i": "\u{0456}", "j": "\u{0458}",
        "o": "\u{043E}", "p": "\u{0440}", "s": "\u{0455}", "x": "\u{0445}", "y": "\u{0443}",
        "A": "\u{0410}", "B": "\u{0412}", "C": "\u{0421}", "E": "\u{0415}", "H": "\u{041D}",
        "I": "\u{0406}", "K": "\u{041A}", "M": "\u{041C}", "N": "\u{039D}", "O": "\u{041E}",
        "P": "\u{0420}", "T": "\u{0422}", "X": "\u{0425}", "Y": "\u{03A5}", "Z": "\u{0396}",
    ]

    public func mutate(_ text: String, seed: UInt64) -> String {
        var rng = SeededRandom(seed: seed)
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            if let g = Self.table[s], rng.chance(2, in: 3) { out.append(g) } else { out.append(s) }
        }
        return String(out)
    }
}
