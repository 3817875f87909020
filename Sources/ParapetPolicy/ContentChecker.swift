/// What a text scan found, reduced to what a policy decision needs.
public struct ContentFinding: Sendable, Hashable {
    /// The engine would block this text (threshold reached or a block rule fired).
    public var blocked: Bool
    /// Ids of the rules that fired, strongest first.
    public var rules: [String]
    public var score: Int

    public init(blocked: Bool, rules: [String], score: Int) {
        self.blocked = blocked
        self.rules = rules
        self.score = score
    }

    public static let clean = ContentFinding(blocked: false, rules: [], score: 0)
    public var isClean: Bool { !blocked && rules.isEmpty }
}

/// Scans a text (a tool argument, a tool description). The facade backs it with the rule engine;
/// tests inject a stub so ParapetPolicy never needs a compiled rule pack.
public protocol ContentChecker: Sendable {
    func check(_ text: String) -> ContentFinding
}

/// A `ContentChecker` from a closure.
public struct ClosureContentChecker: ContentChecker {
    let body: @Sendable (String) -> ContentFinding
    public init(_ body: @escaping @Sendable (String) -> ContentFinding) { self.body = body }
    public func check(_ text: String) -> ContentFinding { body(text) }
}
