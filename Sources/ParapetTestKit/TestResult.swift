import ParapetRules

/// The outcome of one check run by `parapet test`.
public struct TestResult: Sendable {
    public enum Kind: String, Sendable { case match, noMatch = "no_match", todoMatch = "todo_match", corpus, budget, mutation, policy }
    public enum Status: String, Sendable { case passed, failed, todo, fixed }

    public let kind: Kind
    public let status: Status
    public let ruleID: String?
    public let location: SourceLocation
    public let message: String

    public init(kind: Kind, status: Status, ruleID: String?, location: SourceLocation, message: String) {
        self.kind = kind
        self.status = status
        self.ruleID = ruleID
        self.location = location
        self.message = message
    }

    public var failed: Bool { status == .failed }

    /// `file:line:col: FAIL [rule] message` — one line per failure, the shape golden tests pin.
    public var line: String {
        let rule = ruleID.map { " [\($0)]" } ?? ""
        return "\(location): \(status.rawValue.uppercased())\(rule) \(kind.rawValue): \(message)"
    }
}

/// Everything one `parapet test` run found.
public struct TestReport: Sendable {
    public var results: [TestResult] = []
    public init() {}

    public var passed: Int { results.filter { $0.status == .passed || $0.status == .fixed }.count }
    public var failed: Int { results.filter(\.failed).count }
    public var todo: Int { results.filter { $0.status == .todo }.count }
    public var fixed: [TestResult] { results.filter { $0.status == .fixed } }

    /// The closing line CI reads: `N passed, N failed`.
    public var summaryLine: String { "\(passed) passed, \(failed) failed" }
}
