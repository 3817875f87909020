/// Rewrites printable ASCII in its fullwidth forms (U+FF01–U+FF5E; space as U+3000).
public struct FullwidthMutator: Mutator {
    public let name = "fullwidth"
    public init() {}

    public func mutate(_ text: String, seed: UInt64) -> String {
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            if s.value >= 0x21, s.value <= 0x7E, let wide = Unicode.Scalar(s.value + 0xFEE0) {
                out.append(wide)
            } else if s == " " {
                out.append("\u{3000}")
            } else {
                out.append(s)
            }
        }
        return String(out)
    }
}
