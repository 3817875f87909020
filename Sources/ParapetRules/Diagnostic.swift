/// A problem found in a rule file: a stable code, where it is, and what to do about it.
public struct Diagnostic: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable { case error, warning }

    public let code: DiagnosticCode
    public let severity: Severity
    public let message: String
    public let location: SourceLocation
    /// The rule the problem belongs to, when known.
    public let ruleID: String?

    public init(_ code: DiagnosticCode, _ message: String, at location: SourceLocation, rule: String? = nil, severity: Severity = .error) {
        self.code = code
        self.severity = severity
        self.message = message
        self.location = location
        self.ruleID = rule
    }

    /// `file:line:col: error[E006]: message (rule id)` — the shape golden tests pin.
    public var description: String {
        let rule = ruleID.map { " [rule \($0)]" } ?? ""
        return "\(location): \(severity.rawValue)[\(code.rawValue)]: \(message)\(rule)"
    }
}

/// Stable diagnostic codes. Never renumber: users grep for them and CI pins them.
public enum DiagnosticCode: String, Sendable, Hashable, CaseIterable {
    case yamlSyntax = "E001"
    case unknownKey = "E002"
    case missingKey = "E003"
    case wrongType = "E004"
    case duplicateID = "E005"
    case invalidPattern = "E006"
    case unknownDetector = "E007"
    case invalidValue = "E008"
    case unknownValidator = "E009"
    case detectorParams = "E010"
    case unreadableFile = "E011"
    case emptyPack = "E012"
    case unmatchedOverride = "E013"
}

/// All diagnostics from loading or compiling a pack, reported together.
public struct RuleLoadError: Error, Sendable, CustomStringConvertible {
    public let diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics.sorted { $0.location < $1.location } }
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
