import ParapetEngine
import ParapetRules

/// One labelled line of a corpus file (`corpus/**/*.jsonl`).
public struct CorpusCase: Sendable {
    public enum Label: String, Sendable { case attack, benign }
    /// What the verdict must be; `flag` means "at least one finding", whatever the decision.
    public enum Expectation: String, Sendable { case block, allow, sanitize, flag }

    public var text: String
    public var label: Label
    public var target: Target
    /// The case's own paranoia level; nil means "use the run's level (default 1)".
    public var paranoia: Int?
    public var expect: Expectation
    public var mustFire: [String]
    public var mustNotFire: [String]
    public var todo: String?
    public var family: String?
    public var note: String?
    /// File and JSONL line number (column 1).
    public var location: SourceLocation

    public init(text: String, label: Label, target: Target = .input, paranoia: Int? = nil, expect: Expectation? = nil,
                mustFire: [String] = [], mustNotFire: [String] = [], todo: String? = nil, family: String? = nil,
                note: String? = nil, location: SourceLocation) {
        self.text = text
        self.label = label
        self.target = target
        self.paranoia = paranoia
        self.expect = expect ?? (label == .attack ? .block : .allow)
        self.mustFire = mustFire
        self.mustNotFire = mustNotFire
        self.todo = todo
        self.family = family
        self.note = note
        self.location = location
    }

    /// Whether `verdict` meets the case's `expect`.
    public func meetsExpectation(_ verdict: Verdict) -> Bool {
        switch expect {
        case .block: verdict.decision == .block
        case .allow: verdict.decision == .allow
        case .sanitize: verdict.decision == .sanitize
        case .flag: !verdict.findings.isEmpty
        }
    }
}

/// A corpus line that could not be read; reported as a failed check, never skipped silently.
public struct CorpusProblem: Sendable, Error {
    public var location: SourceLocation
    public var message: String
}
