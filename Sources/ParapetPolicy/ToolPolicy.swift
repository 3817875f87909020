import ParapetRules

/// A validated, immutable tool policy with per-profile lookup tables; share one across threads.
public struct ToolPolicy: Sendable {
    public let name: String
    public let description: String?
    public let tools: [ToolSpec]
    /// Rules that apply in every profile.
    public let rules: [PolicyRule]
    public let profiles: [String: Profile]
    /// Injection score at or above which a scan taints the session (see `SessionState.noteScan`).
    public let taintScore: Int
    public let contentChecks: ContentCheckSettings
    public let argLimits: ArgLimits
    public let examples: [PolicyExample]
    public let source: String

    let toolIndex: [String: Int]
    /// Key "" = no profile (policy-wide rules only).
    let tables: [String: ProfileTable]
    /// The table used when a call names no profile, looked up once at load.
    let unnamedTable: ProfileTable?

    /// Validates references (tools, tags, profiles, duplicate ids) and builds the lookup tables.
    public init(name: String, description: String? = nil, tools: [ToolSpec], rules: [PolicyRule] = [],
                profiles: [Profile] = [], taintScore: Int = 5, contentChecks: ContentCheckSettings = ContentCheckSettings(),
                argLimits: ArgLimits = .default, examples: [PolicyExample] = [], source: String = "<policy>") throws(PolicyLoadError) {
        var problems: [Diagnostic] = []
        let fallback = SourceLocation(file: source, line: 1, column: 1)
        var index: [String: Int] = [:]
        for (i, t) in tools.enumerated() {
            if index[t.name] != nil {
                problems.append(Diagnostic(.duplicateID, "tool '\(t.name)' is declared twice", at: t.location ?? fallback))
            }
            index[t.name] = i
        }
        let knownTags = Set(tools.flatMap(\.tags))
        func validate(_ list: [PolicyRule], seen: inout [String: SourceLocation]) {
            for r in list {
                let loc = r.location ?? fallback
                if let first = seen[r.id] {
                    problems.append(Diagnostic(.duplicateID, "duplicate rule id '\(r.id)' (first defined at \(first))", at: loc, rule: r.id))
                }
                seen[r.id] = loc
                for t in r.selector.tools.sorted() where index[t] == nil {
                    problems.append(Diagnostic(.invalidValue, "rule names unknown tool '\(t)'", at: loc, rule: r.id))
                }
                for t in r.selector.tags.sorted() where !knownTags.contains(t) {
                    problems.append(Diagnostic(.invalidValue, "no tool carries tag '\(t)'", at: loc, rule: r.id))
                }
            }
        }
        var globalIDs: [String: SourceLocation] = [:]
        validate(rules, seen: &globalIDs)
        for p in profiles {
            var ids = globalIDs
            validate(p.rules, seen: &ids)
            for t in p.budgets.toolCalls.keys.sorted() where index[t] == nil {
                problems.append(Diagnostic(.invalidValue, "profile '\(p.name)' limits unknown tool '\(t)'", at: fallback))
            }
        }
        for t in contentChecks.selector.tools.sorted() where index[t] == nil {
            problems.append(Diagnostic(.invalidValue, "content_checks names unknown tool '\(t)'", at: fallback))
        }
        for e in examples {
            if let p = e.profile, !profiles.contains(where: { $0.name == p }) {
                problems.append(Diagnostic(.invalidValue, "example uses unknown profile '\(p)'", at: e.location))
            }
        }
        if !problems.isEmpty { throw PolicyLoadError(problems) }

        self.name = name
        self.description = description
        self.tools = tools
        self.rules = rules
        self.profiles = Dictionary(profiles.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        self.taintScore = taintScore
        self.contentChecks = contentChecks
        self.argLimits = argLimits
        self.examples = examples
        self.source = source
        self.toolIndex = index
        var tables: [String: ProfileTable] = ["": ProfileTable(tools: tools, rules: rules, budgets: Budgets(), index: index, contentChecks: contentChecks)]
        for p in profiles {
            tables[p.name] = ProfileTable(tools: tools, rules: rules + p.rules, budgets: p.budgets, index: index, contentChecks: contentChecks)
        }
        self.tables = tables
        self.unnamedTable = tables["default"] ?? tables[""]
    }

    /// The table for `profile`: the named one, else `default` when it exists, else policy-wide rules only.
    func table(for profile: String?) -> ProfileTable? {
        if let profile { return tables[profile] }
        return unnamedTable
    }

    public func tool(named name: String) -> ToolSpec? { toolIndex[name].map { tools[$0] } }
}

/// Rules and limits of one profile, resolved per tool index at load time so a decision does no selection work.
struct ProfileTable: Sendable {
    let rulesByTool: [[PolicyRule]]
    /// Each rule's reason for each tool, built once: formatting it per decision cost ~1 µs.
    let reasonsByTool: [[String]]
    let maxCalls: [Int?]
    let contentChecked: [Bool]
    let budgets: Budgets

    init(tools: [ToolSpec], rules: [PolicyRule], budgets: Budgets, index: [String: Int], contentChecks: ContentCheckSettings) {
        let selected = tools.map { t in rules.filter { $0.selector.selects(t) } }
        rulesByTool = selected
        reasonsByTool = zip(tools, selected).map { t, rs in rs.map { $0.reason ?? RuleMatcher.explain($0, tool: t.name) } }
        maxCalls = tools.map { budgets.toolCalls[$0.name] ?? $0.maxCalls }
        contentChecked = tools.map { contentChecks.selector.selects($0) }
        self.budgets = budgets
    }
}

/// Every problem found loading or validating a policy, sorted by location.
public struct PolicyLoadError: Error, Sendable, CustomStringConvertible {
    public let diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics.sorted { $0.location < $1.location } }
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
