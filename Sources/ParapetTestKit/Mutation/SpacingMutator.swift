/// Spells words out with spaces between letters ("i g n o r e"); words are separated by three spaces.
public struct SpacingMutator: Mutator {
    public let name = "spacing"
    public init() {}

    public func mutate(_ text: String, seed: UInt64) -> String {
        var out = String.UnicodeScalarView()
        var previousWasLetter = false
        for s in text.unicodeScalars {
            let letter = s.properties.isAlphabetic || s.properties.numericType != nil
            if s == " " {
                out.append(contentsOf: "   ".unicodeScalars)
                previousWasLetter = false
                continue
            }
            if previousWasLetter, letter { out.append(" ") }
            out.append(s)
            previousWasLetter = letter
        }
        return String(out)
    }
}
