/// Randomly flips the case of ASCII letters ("iGnOrE aLl").
public struct CaseMutator: Mutator {
    public let name = "case"
    public init() {}

    public func mutate(_ text: String, seed: UInt64) -> String {
        var rng = SeededRandom(seed: seed)
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            if s.isASCIILetter, rng.chance(1, in: 2), let flipped = Unicode.Scalar(s.value ^ 0x20) {
                out.append(flipped)
            } else {
                out.append(s)
            }
        }
        return String(out)
    }
}
