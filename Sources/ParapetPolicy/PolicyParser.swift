import ParapetJSON
import ParapetRules
import Yams

/// Parses a policy file (YAML) into a validated `ToolPolicy`, or every problem with file:line:column.
public enum PolicyParser {
    static let fileKeys: Set<String> = ["policy", "description", "taint_score", "limits", "content_checks", "tools", "rules", "profiles", "examples"]
    static let toolKeys: Set<String> = ["tags", "cost", "max_calls", "args", "strict_args", "description"]
    static let ruleKeys: Set<String> = ["id", "effect", "tools", "tags", "when", "unless", "reason"]
    static let profileKeys: Set<String> = ["description", "budgets", "rules"]
    static let budgetKeys: Set<String> = ["total_calls", "cost_units", "calls_per_minute", "tool_calls"]
    static let exampleKeys: Set<String> = ["profile", "tool", "args", "untrusted", "expect", "rule", "note"]

    /// Parses `source` (the policy's text and the path diagnostics name).
    public static func parse(_ source: RuleSource) throws(PolicyLoadError) -> ToolPolicy {
        var r = PolicyYAML(file: source.path)
        let root: Node?
        do { root = try Yams.compose(yaml: source.text) } catch {
            throw PolicyLoadError([Diagnostic.yamlSyntax(error, file: source.path)])
        }
        guard let root, root.mapping != nil else {
            throw PolicyLoadError([Diagnostic(.missingKey, "a policy file must be a mapping with 'policy' and 'tools'", at: r.location(root))])
        }
        let top = r.fields(root, allowed: fileKeys, what: "a policy file")
        func v(_ k: String) -> Node? { top.first { $0.key == k }?.value }
        let name = v("policy").flatMap { r.string($0, "policy") } ?? ""
        if v("policy") == nil { r.error(.missingKey, "missing key 'policy' (the policy's name)", root) }
        var tools: [ToolSpec] = []
        if let n = v("tools") {
            for f in r.fields(n, allowed: nil, what: "tools") { tools.append(tool(f.key, f.value, &r)) }
        } else {
            r.error(.missingKey, "missing key 'tools' (every tool the agent may call)", root)
        }
        let rules = v("rules").map { ruleList($0, &r) } ?? []
        var profiles: [Profile] = []
        if let n = v("profiles") {
            for f in r.fields(n, allowed: nil, what: "profiles") { profiles.append(profile(f.key, f.value, &r)) }
        }
        let taintScore = v("taint_score").flatMap { r.int($0, "taint_score") } ?? 5
        var limits = ArgLimits.default
        if let n = v("limits") {
            for f in r.fields(n, allowed: ["max_depth", "max_bytes", "max_values"], what: "limits") {
                guard let x = r.int(f.value, f.key, min: 1) else { continue }
                switch f.key {
                case "max_depth": limits.maxDepth = x
                case "max_bytes": limits.maxBytes = x
                default: limits.maxValues = x
                }
            }
        }
        var content = ContentCheckSettings()
        if let n = v("content_checks") {
            let g = r.fields(n, allowed: ["tools", "tags", "on_block", "on_flag"], what: "content_checks")
            var sel = ToolSelector()
            for f in g {
                switch f.key {
                case "tools": sel.tools = Set(r.strings(f.value, "tools"))
                case "tags": sel.tags = Set(r.strings(f.value, "tags"))
                case "on_block": content.onBlock = r.effect(f.value) ?? .deny
                default: content.onFlag = r.effect(f.value) ?? .allow
                }
            }
            if sel.tools.contains("*") { sel = ToolSelector(all: true) }
            if !sel.tools.isEmpty || !sel.tags.isEmpty || sel.all { content.selector = sel }
        }
        let examples = v("examples").map { exampleList($0, &r) } ?? []
        if !r.diagnostics.isEmpty { throw PolicyLoadError(r.diagnostics) }
        return try ToolPolicy(name: name, description: v("description").flatMap { r.string($0, "description") }, tools: tools,
                              rules: rules, profiles: profiles, taintScore: taintScore, contentChecks: content,
                              argLimits: limits, examples: examples, source: source.path)
    }

    /// Reads and parses a policy file from disk.
    public static func load(path: String) throws(PolicyLoadError) -> ToolPolicy {
        let sources: [RuleSource]
        do { sources = try RuleSource.loadPolicies(from: path) } catch { throw PolicyLoadError(error.diagnostics) }
        guard let first = sources.first else {
            throw PolicyLoadError([Diagnostic(.unreadableFile, "no policy file found", at: SourceLocation(file: path, line: 1, column: 1))])
        }
        return try parse(first)
    }

    static func tool(_ name: String, _ node: Node, _ r: inout PolicyYAML) -> ToolSpec {
        var t = ToolSpec(name: name, location: r.location(node))
        for f in r.fields(node, allowed: toolKeys, what: "a tool") {
            switch f.key {
            case "tags": t.tags = Set(r.strings(f.value, "tags"))
            case "cost": t.cost = r.int(f.value, "cost") ?? 1
            case "max_calls": t.maxCalls = r.int(f.value, "max_calls")
            case "args": t.args = requirements(f.value, &r)
            case "strict_args": t.strictArgs = r.bool(f.value, "strict_args") ?? false
            default: break
            }
        }
        return t
    }

    static func ruleList(_ node: Node, _ r: inout PolicyYAML) -> [PolicyRule] {
        r.list(node, "rules").compactMap { rule($0, &r) }
    }

    static func rule(_ node: Node, _ r: inout PolicyYAML) -> PolicyRule? {
        let f = r.fields(node, allowed: ruleKeys, what: "a rule")
        func v(_ k: String) -> Node? { f.first { $0.key == k }?.value }
        guard let idNode = v("id"), let id = r.string(idNode, "id"), !id.isEmpty else {
            r.error(.missingKey, "a rule needs a non-empty 'id'", node)
            return nil
        }
        guard let effNode = v("effect") else {
            r.error(.missingKey, "rule '\(id)' needs 'effect' (allow, ask or deny)", node)
            return nil
        }
        guard let effect = r.effect(effNode) else { return nil }
        var sel = ToolSelector()
        if let n = v("tools") { sel.tools = Set(r.strings(n, "tools")) }
        if let n = v("tags") { sel.tags = Set(r.strings(n, "tags")) }
        if sel.tools.contains("*") { sel = ToolSelector(all: true) }
        if v("tools") == nil && v("tags") == nil { r.error(.missingKey, "rule '\(id)' needs 'tools' or 'tags' (use tools: ['*'] for every tool)", node) }
        return PolicyRule(id: id, effect: effect, selector: sel,
                          when: v("when").map { condition($0, &r) }, unless: v("unless").map { condition($0, &r) },
                          reason: v("reason").flatMap { r.string($0, "reason") }, location: r.location(node))
    }

    static func profile(_ name: String, _ node: Node, _ r: inout PolicyYAML) -> Profile {
        var p = Profile(name: name)
        for f in r.fields(node, allowed: profileKeys, what: "a profile") {
            switch f.key {
            case "description": p.description = r.string(f.value, "description")
            case "rules": p.rules = ruleList(f.value, &r)
            default:
                for b in r.fields(f.value, allowed: budgetKeys, what: "budgets") {
                    switch b.key {
                    case "total_calls": p.budgets.totalCalls = r.int(b.value, "total_calls")
                    case "cost_units": p.budgets.costUnits = r.int(b.value, "cost_units")
                    case "calls_per_minute": p.budgets.callsPerMinute = r.int(b.value, "calls_per_minute")
                    default:
                        for t in r.fields(b.value, allowed: nil, what: "tool_calls") {
                            if let n = r.int(t.value, "tool_calls") { p.budgets.toolCalls[t.key] = n }
                        }
                    }
                }
            }
        }
        return p
    }

    static func exampleList(_ node: Node, _ r: inout PolicyYAML) -> [PolicyExample] {
        var out: [PolicyExample] = []
        for item in r.list(node, "examples") {
            let f = r.fields(item, allowed: exampleKeys, what: "an example")
            func v(_ k: String) -> Node? { f.first { $0.key == k }?.value }
            guard let toolNode = v("tool"), let tool = r.string(toolNode, "tool"),
                  let expNode = v("expect"), let expect = r.effect(expNode) else {
                if v("tool") == nil || v("expect") == nil { r.error(.missingKey, "an example needs 'tool' and 'expect'", item) }
                continue
            }
            let args = v("args").map { r.json($0) } ?? .object([])
            out.append(PolicyExample(profile: v("profile").flatMap { r.string($0, "profile") }, call: ToolCall(tool: tool, args: args),
                                     untrusted: v("untrusted").map { r.strings($0, "untrusted") } ?? [], expect: expect,
                                     rule: v("rule").flatMap { r.string($0, "rule") }, note: v("note").flatMap { r.string($0, "note") },
                                     location: r.location(item)))
        }
        return out
    }
}
