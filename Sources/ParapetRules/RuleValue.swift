/// A YAML value passed to a detector as a parameter (JSON-like, location kept for errors).
public indirect enum RuleValue: Sendable, Hashable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case list([RuleValue])
    case map([String: RuleValue])
    case null

    public var string: String? { if case .string(let s) = self { return s }; return nil }
    public var number: Double? { if case .number(let n) = self { return n }; return nil }
    public var int: Int? { number.flatMap { $0 == $0.rounded() ? Int(exactly: $0) : nil } }
    public var bool: Bool? { if case .bool(let b) = self { return b }; return nil }
    public var list: [RuleValue]? { if case .list(let l) = self { return l }; return nil }
    public var map: [String: RuleValue]? { if case .map(let m) = self { return m }; return nil }
    /// A list of strings, or a single string as a one-element list.
    public var strings: [String]? {
        if let s = string { return [s] }
        guard let l = list else { return nil }
        let out = l.compactMap(\.string)
        return out.count == l.count ? out : nil
    }
}
