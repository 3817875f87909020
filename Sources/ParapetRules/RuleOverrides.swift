/// Site changes to a pack without editing its files: rules turned off, or given another action.
///
/// A selector is a rule id, or a prefix ending in `*` (`sec.aws.*`). A selector that matches no
/// rule is an error, so a typo cannot silently leave a rule on.
public struct RuleOverrides: Sendable, Equatable {
    /// What an override does to the rules its selector matches.
    public enum Change: Sendable, Equatable, CustomStringConvertible {
        /// The rule is not compiled at all.
        case disable
        /// The rule reports a finding with score 0 and never changes a verdict.
        case reportOnly
        /// The rule takes this action at every paranoia level (its score is kept).
        case action(RuleAction)

        public var description: String {
            switch self {
            case .disable: "disable"
            case .reportOnly: "report"
            case .action(let a): a.rawValue
            }
        }
    }

    /// One selector and its change, with where it was given (for diagnostics).
    public struct Entry: Sendable, Equatable {
        public var selector: String
        public var change: Change
        public var origin: String

        public init(selector: String, change: Change, origin: String = "<override>") {
            self.selector = selector
            self.change = change
            self.origin = origin
        }

        func matches(_ id: String) -> Bool {
            if selector.hasSuffix("*") { return id.hasPrefix(selector.dropLast()) }
            return id == selector
        }
    }

    public var entries: [Entry]

    public init(_ entries: [Entry] = []) { self.entries = entries }

    public var isEmpty: Bool { entries.isEmpty }

    /// Parses `SELECTOR=ACTION` (ACTION: flag, redact, block, report, disable), as the CLI takes it.
    public static func parseEntry(_ text: String, origin: String = "--rule-action") -> Result<Entry, OverrideParseError> {
        guard let eq = text.lastIndex(of: "=") else {
            return .failure(OverrideParseError(message: "'\(text)': expected RULE=ACTION, e.g. sec.aws.*=report"))
        }
        let selector = String(text[..<eq]).trimmed
        let word = String(text[text.index(after: eq)...]).trimmed.lowercased()
        guard !selector.isEmpty else { return .failure(OverrideParseError(message: "'\(text)': the rule id is empty")) }
        if selector.dropLast().contains("*") {
            return .failure(OverrideParseError(message: "'\(selector)': '*' may only end a selector"))
        }
        let change: Change
        switch word {
        case "disable", "off": change = .disable
        case "report": change = .reportOnly
        default:
            guard let a = RuleAction(rawValue: word) else {
                return .failure(OverrideParseError(message: "'\(text)': unknown action '\(word)' (known: flag, redact, block, report, disable)"))
            }
            change = .action(a)
        }
        return .success(Entry(selector: selector, change: change, origin: origin))
    }

    /// Builds overrides from command-line flags: `--disable-rule SELECTOR` first, then
    /// `--rule-action SELECTOR=ACTION`, each in the order given.
    public static func fromFlags(disable: [String], actions: [String]) -> Result<RuleOverrides, OverrideParseError> {
        var entries: [Entry] = []
        for selector in disable {
            switch parseEntry(selector + "=disable", origin: "--disable-rule") {
            case .success(let e): entries.append(e)
            case .failure(let e): return .failure(e)
            }
        }
        for text in actions {
            switch parseEntry(text) {
            case .success(let e): entries.append(e)
            case .failure(let e): return .failure(e)
            }
        }
        return .success(RuleOverrides(entries))
    }

    /// Applies every entry in order (a later entry wins for the same rule); selectors that match
    /// nothing come back as diagnostics.
    func apply(to specs: [RuleSpec]) -> (specs: [RuleSpec], diagnostics: [Diagnostic]) {
        guard !entries.isEmpty else { return (specs, []) }
        var disabled = [Bool](repeating: false, count: specs.count)
        var out = specs
        var diagnostics: [Diagnostic] = []
        for entry in entries {
            var hit = false
            for i in out.indices where entry.matches(out[i].id) {
                hit = true
                switch entry.change {
                case .disable:
                    disabled[i] = true
                case .reportOnly:
                    disabled[i] = false
                    out[i].score = 0
                    out[i].action = .flag
                    out[i].escalation = nil
                case .action(let a):
                    disabled[i] = false
                    out[i].action = a
                    out[i].escalation = nil
                }
            }
            if !hit {
                diagnostics.append(Diagnostic(
                    .unmatchedOverride, "override '\(entry.selector)=\(entry.change)' matches no rule",
                    at: SourceLocation(file: entry.origin, line: 1, column: 1)))
            }
        }
        return (zip(out, disabled).filter { !$0.1 }.map(\.0), diagnostics)
    }

    /// Stable text folded into the pack hash, so verdicts name the pack as it actually ran.
    var fingerprint: String { entries.map { "\($0.selector)=\($0.change)" }.joined(separator: "\n") }
}

/// A malformed `RULE=ACTION` override.
public struct OverrideParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

private extension String {
    var trimmed: String {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
