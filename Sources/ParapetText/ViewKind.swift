/// The text views a rule can match on; each maps back to byte ranges of the original input.
public enum ViewKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// The input bytes as given (possibly invalid UTF-8).
    case raw
    /// NFKC, case-folded, invisibles removed, whitespace collapsed, confusables folded.
    case canonical
    /// Canonical, then letters joined across single separators and l33t folded.
    case compact
    /// Encoded payloads found in the input, decoded (possibly several segments).
    case decoded
}
