import ParapetText
import Yams

/// Parses one rule file into rule specs, collecting every problem instead of stopping at the first.
public enum RuleFileParser {
    static let fileKeys: Set<String> = ["family", "description", "rules"]
    static let ruleKeys: Set<String> = [
        "id", "summary", "applies_to", "paranoia", "score", "patterns", "detector", "params",
        "literals", "validator", "allowlist", "action", "redact_as", "max_span", "views", "tags",
        "max_fp_rate", "min_mutation_survival", "case_sensitive", "sanitize", "escalate", "examples",
    ]
    static let escalateKeys: Set<String> = ["paranoia", "score", "action"]
    static let exampleKeys: Set<String> = ["match", "no_match", "todo_match"]
    static let exampleItemKeys: Set<String> = ["text", "target", "note"]

    public static func parse(_ source: RuleSource) -> (rules: [RuleSpec], diagnostics: [Diagnostic]) {
        var r = YAMLReading(file: source.path)
        let root: YAMLNode?
        if let composed = source.composed, let document = ComposedYAML.document(composed) {
            root = document
        } else {
            do {
                // The basic resolver tags every plain scalar as a string without running Yams'
                // regex-based type resolution (half of start-up time); the reader below decides
                // types itself (`YAMLReading.int`, `.bool`, `.value`).
                root = try Yams.compose(yaml: source.text, Resolver.basic).map(YAMLNode.init)
            } catch {
                return ([], [Diagnostic.yamlSyntax(error, file: source.path)])
            }
        }
        guard let root else {
            r.error(.missingKey, "empty rule file: expected a top-level 'rules:' list", nil)
            return ([], r.diagnostics)
        }
        let top = r.fields(root, allowed: fileKeys, what: "a rule file")
        guard let rulesNode = top["rules"]?.value else {
            if root.mapping != nil { r.error(.missingKey, "missing key 'rules'", root) }
            return ([], r.diagnostics)
        }
        var specs: [RuleSpec] = []
        for node in r.list(rulesNode, "rules", rule: nil) {
            if let spec = parseRule(node, &r) { specs.append(spec) }
        }
        return (specs, r.diagnostics)
    }

    static func parseRule(_ node: YAMLNode, _ r: inout YAMLReading) -> RuleSpec? {
        let idGuess = node.mapping?["id"]?.scalar?.string
        let f = r.fields(node, allowed: ruleKeys, what: "a rule", rule: idGuess)
        let before = r.diagnostics.count
        func required(_ key: String) -> YAMLNode? {
            if let v = f[key]?.value { return v }
            r.error(.missingKey, "missing key '\(key)'", node, rule: idGuess)
            return nil
        }
        let id = required("id").flatMap { r.string($0, "id", rule: nil) } ?? ""
        if id.isEmpty, f["id"] != nil { r.error(.invalidValue, "id must not be empty", f["id"]?.value, rule: nil) }
        let rid: String? = id.isEmpty ? nil : id
        let summary = required("summary").flatMap { r.string($0, "summary", rule: rid) } ?? ""

        var targets: [Target] = []
        if let n = required("applies_to") {
            for item in r.list(n, "applies_to", rule: rid) {
                guard let s = r.string(item, "applies_to", rule: rid) else { continue }
                if let t = Target(rawValue: s) { targets.append(t) } else {
                    r.error(.invalidValue, "unknown target '\(s)' (expected input, context, output or tool_args)", item, rule: rid)
                }
            }
        }
        var paranoia = 1
        if let n = f["paranoia"]?.value, let v = r.int(n, "paranoia", rule: rid) {
            if (1...4).contains(v) { paranoia = v } else { r.error(.invalidValue, "paranoia must be 1 to 4, got \(v)", n, rule: rid) }
        }
        var action = RuleAction.flag
        if let n = f["action"]?.value, let s = r.string(n, "action", rule: rid) {
            if let a = RuleAction(rawValue: s) { action = a } else {
                r.error(.invalidValue, "unknown action '\(s)' (expected flag, redact or block)", n, rule: rid)
            }
        }
        // A redaction sanitizes; it should not also block unless its author says so.
        var score = action == .redact ? 1 : 5
        if let n = f["score"]?.value, let v = r.int(n, "score", rule: rid) {
            if (0...100).contains(v) { score = v } else { r.error(.invalidValue, "score must be 0 to 100, got \(v)", n, rule: rid) }
        }
        var patterns: [PatternSpec] = []
        if let n = f["patterns"]?.value {
            for item in r.list(n, "patterns", rule: rid) {
                guard let s = r.string(item, "pattern", rule: rid) else { continue }
                let style = item.scalar?.style
                let shift = (style == .singleQuoted || style == .doubleQuoted) ? 1 : 0
                patterns.append(PatternSpec(source: s, location: r.location(item), columnShift: shift))
            }
        }
        var detector: DetectorSpec?
        if let n = f["detector"]?.value, let name = r.string(n, "detector", rule: rid) {
            var params: [String: RuleValue] = [:]
            if let p = f["params"]?.value {
                if case .map(let m) = r.value(p) { params = m } else { r.error(.wrongType, "params must be a mapping", p, rule: rid) }
            }
            detector = DetectorSpec(name: name, params: params, location: r.location(n))
        } else if let p = f["params"]?.value {
            r.error(.invalidValue, "params given without a detector", p, rule: rid)
        }
        if patterns.isEmpty && detector == nil && f["patterns"] == nil && f["detector"] == nil {
            r.error(.missingKey, "a rule needs 'patterns' or a 'detector'", node, rule: rid)
        } else if !patterns.isEmpty && detector != nil {
            r.error(.invalidValue, "a rule has either 'patterns' or a 'detector', not both", f["detector"]?.key, rule: rid)
        }
        // Default: every normalized view, so evasions (spacing, l33t, encodings) reach every rule.
        var views: [ViewKind] = [.canonical, .compact, .decoded]
        if let n = f["views"]?.value {
            views = []
            for item in r.list(n, "views", rule: rid) {
                guard let s = r.string(item, "view", rule: rid) else { continue }
                if let v = ViewKind(rawValue: s) { views.append(v) } else {
                    r.error(.invalidValue, "unknown view '\(s)' (expected raw, canonical, compact or decoded)", item, rule: rid)
                }
            }
        }
        // The compact view is canonical plus joins: it is only built when it differs, so a rule
        // that reads compact must read canonical as well to see ordinary text.
        if views.contains(.compact) && !views.contains(.canonical) { views.insert(.canonical, at: 0) }
        var maxSpan: Int?
        if let n = f["max_span"]?.value, let v = r.int(n, "max_span", rule: rid) {
            if v > 0 { maxSpan = v } else { r.error(.invalidValue, "max_span must be positive", n, rule: rid) }
        }
        func rate(_ key: String) -> Double? {
            guard let n = f[key]?.value, let v = r.double(n, key, rule: rid) else { return nil }
            if (0...1).contains(v) { return v }
            r.error(.invalidValue, "\(key) must be between 0 and 1", n, rule: rid)
            return nil
        }
        var sanitize: [SanitizeStep] = []
        if let n = f["sanitize"]?.value {
            for item in r.list(n, "sanitize", rule: rid) {
                guard let s = r.string(item, "sanitize", rule: rid) else { continue }
                if let step = SanitizeStep(rawValue: s) { sanitize.append(step) } else {
                    r.error(.invalidValue, "unknown sanitize step '\(s)' (expected strip-invisibles or neutralize-role-tokens)", item, rule: rid)
                }
            }
        }
        var spec = RuleSpec(
            id: id, summary: summary, appliesTo: targets, paranoia: paranoia, score: score,
            patterns: patterns, detector: detector,
            literals: f["literals"].map { r.strings($0.value, "literals", rule: rid) } ?? [],
            validator: f["validator"].flatMap { r.string($0.value, "validator", rule: rid) },
            allowlist: f["allowlist"].map { r.strings($0.value, "allowlist", rule: rid) } ?? [],
            action: action,
            redactAs: f["redact_as"].flatMap { r.string($0.value, "redact_as", rule: rid) },
            maxSpan: maxSpan, views: views,
            tags: f["tags"].map { r.strings($0.value, "tags", rule: rid) } ?? [],
            maxFPRate: rate("max_fp_rate"), minMutationSurvival: rate("min_mutation_survival"),
            caseSensitive: f["case_sensitive"].flatMap { r.bool($0.value, "case_sensitive", rule: rid) } ?? false,
            examples: f["examples"].map { parseExamples($0.value, &r, rule: rid) } ?? RuleExamples(),
            location: r.location(node)
        )
        spec.sanitize = sanitize
        if let n = f["escalate"]?.value {
            spec.escalation = parseEscalation(n, &r, paranoia: paranoia, action: action, rule: rid)
        }
        return r.diagnostics.count == before ? spec : nil
    }

    /// `escalate: {paranoia: 2, action: redact, score: 2}`: the level must lie above the rule's own.
    static func parseEscalation(_ node: YAMLNode, _ r: inout YAMLReading, paranoia: Int, action: RuleAction, rule rid: String?) -> RuleEscalation? {
        guard node.mapping != nil else {
            r.error(.wrongType, "escalate must be a mapping with paranoia, and score and/or action", node, rule: rid)
            return nil
        }
        let f = r.fields(node, allowed: escalateKeys, what: "escalate", rule: rid)
        guard let pn = f["paranoia"]?.value else {
            r.error(.missingKey, "escalate needs a 'paranoia' level", node, rule: rid)
            return nil
        }
        guard let level = r.int(pn, "paranoia", rule: rid) else { return nil }
        guard level > paranoia, level <= 4 else {
            r.error(.invalidValue, "escalate paranoia must be above the rule's own (\(paranoia)) and at most 4, got \(level)", pn, rule: rid)
            return nil
        }
        var newAction = action
        if let n = f["action"]?.value, let s = r.string(n, "action", rule: rid) {
            guard let a = RuleAction(rawValue: s) else {
                r.error(.invalidValue, "unknown action '\(s)' (expected flag, redact or block)", n, rule: rid)
                return nil
            }
            newAction = a
        }
        var score = newAction == .redact ? 1 : 5
        if let n = f["score"]?.value, let v = r.int(n, "score", rule: rid) {
            guard (0...100).contains(v) else {
                r.error(.invalidValue, "score must be 0 to 100, got \(v)", n, rule: rid)
                return nil
            }
            score = v
        }
        if f["score"] == nil && f["action"] == nil {
            r.error(.missingKey, "escalate needs a 'score' or an 'action'", node, rule: rid)
            return nil
        }
        return RuleEscalation(paranoia: level, score: score, action: newAction)
    }

    static func parseExamples(_ node: YAMLNode, _ r: inout YAMLReading, rule: String?) -> RuleExamples {
        var ex = RuleExamples()
        let f = r.fields(node, allowed: exampleKeys, what: "examples", rule: rule)
        func items(_ key: String) -> [RuleExample] {
            guard let n = f[key]?.value else { return [] }
            var out: [RuleExample] = []
            for item in r.list(n, key, rule: rule) {
                if item.mapping != nil {
                    let g = r.fields(item, allowed: exampleItemKeys, what: "an example", rule: rule)
                    guard let t = g["text"]?.value, let text = r.string(t, "text", rule: rule) else {
                        r.error(.missingKey, "example needs 'text'", item, rule: rule)
                        continue
                    }
                    var target: Target?
                    if let tn = g["target"]?.value, let ts = r.string(tn, "target", rule: rule) {
                        target = Target(rawValue: ts)
                        if target == nil { r.error(.invalidValue, "unknown target '\(ts)'", tn, rule: rule) }
                    }
                    let note = g["note"].flatMap { r.string($0.value, "note", rule: rule) }
                    out.append(RuleExample(text: text, target: target, note: note, location: r.location(item)))
                } else if let text = r.string(item, "example", rule: rule) {
                    out.append(RuleExample(text: text, target: nil, note: nil, location: r.location(item)))
                }
            }
            return out
        }
        ex.match = items("match")
        ex.noMatch = items("no_match")
        ex.todoMatch = items("todo_match")
        return ex
    }
}
