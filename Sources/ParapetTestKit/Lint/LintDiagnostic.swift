import ParapetRules

/// Stable lint codes. Never renumber: users grep for them and CI pins them.
public enum LintCode: String, Sendable, CaseIterable {
    /// Nested unbounded quantifiers that can split the same text many ways: `(a+)+`.
    case nestedQuantifier = "L001"
    /// Alternation under unbounded repetition whose branches can start alike: `(a|ab)*`.
    case overlappingAlternation = "L002"
    /// Two unbounded repeats that can consume the same text in one sequence: `.*x.*`, `\w+\w*`.
    case unboundedPair = "L003"
    /// No literal of 3+ characters that every match must contain, and no `literals:` declared.
    case noPrefilterLiteral = "L004"
    case tooFewMatchExamples = "L005"
    case tooFewNoMatchExamples = "L006"
    /// Two rules with the same patterns.
    case duplicateRule = "L007"
    /// Every positive example of a rule is already caught by another rule.
    case shadowedRule = "L008"
    /// Id not in `family.subfamily.name` form (lowercase, digits, dashes).
    case badID = "L009"
    /// Score or paranoia that cannot do what was meant.
    case scoreOrParanoia = "L010"
    /// A gate literal holds a tab, newline or other control space, which turns off the shared
    /// raw/canonical literal pass for every rule of the pack.
    case controlSpaceLiteral = "L011"
}

/// One lint finding: code, severity, where, what, and how to fix it.
public struct LintDiagnostic: Sendable, Hashable, CustomStringConvertible {
    public typealias Severity = Diagnostic.Severity

    public let code: String
    public let severity: Severity
    public let message: String
    public let help: String?
    public let location: SourceLocation
    public let ruleID: String?

    public init(_ code: LintCode, _ severity: Severity, _ message: String, help: String? = nil, at location: SourceLocation, rule: String?) {
        self.code = code.rawValue
        self.severity = severity
        self.message = message
        self.help = help
        self.location = location
        self.ruleID = rule
    }

    /// A rule-file diagnostic (E-codes from loading and compiling) shown alongside lint findings.
    public init(_ d: Diagnostic) {
        code = d.code.rawValue
        severity = d.severity
        message = d.message
        help = nil
        location = d.location
        ruleID = d.ruleID
    }

    /// `file:line:col: warning[L003]: message [rule id]`, then `  help: ...` when there is a fix.
    public var description: String {
        let rule = ruleID.map { " [rule \($0)]" } ?? ""
        var s = "\(location): \(severity.rawValue)[\(code)]: \(message)\(rule)"
        if let help { s += "\n  help: \(help)" }
        return s
    }
}
