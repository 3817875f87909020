/// Small helpers to read YAML nodes while collecting diagnostics with exact locations.
struct YAMLReading {
    let file: String
    var diagnostics: [Diagnostic] = []

    func location(_ node: YAMLNode?) -> SourceLocation {
        guard let mark = node?.mark else { return SourceLocation(file: file, line: 1, column: 1) }
        return SourceLocation(file: file, line: mark.line, column: mark.column)
    }

    mutating func error(_ code: DiagnosticCode, _ message: String, _ node: YAMLNode?, rule: String? = nil) {
        diagnostics.append(Diagnostic(code, message, at: location(node), rule: rule))
    }

    /// The mapping's pairs keyed by scalar key, reporting keys outside `allowed`.
    mutating func fields(_ node: YAMLNode, allowed: Set<String>, what: String, rule: String? = nil) -> [String: (key: YAMLNode, value: YAMLNode)] {
        guard let mapping = node.mapping else {
            error(.wrongType, "\(what) must be a mapping", node, rule: rule)
            return [:]
        }
        var out: [String: (key: YAMLNode, value: YAMLNode)] = [:]
        out.reserveCapacity(mapping.count) // no rehashing while it fills (start-up cost)
        for (k, v) in mapping {
            guard let key = k.scalar?.string else {
                error(.wrongType, "keys must be plain strings", k, rule: rule)
                continue
            }
            if !allowed.contains(key) {
                let hint = Self.closest(key, in: allowed).map { " (did you mean '\($0)'?)" } ?? ""
                error(.unknownKey, "unknown key '\(key)' in \(what)\(hint)", k, rule: rule)
                continue
            }
            out[key] = (k, v)
        }
        return out
    }

    mutating func string(_ node: YAMLNode, _ what: String, rule: String?) -> String? {
        // An empty plain scalar (`summary:`) or an explicit `!!null ""` is no string; `~` and
        // `null` spelt out stay the strings they read as.
        if let s = node.scalar, !s.string.isEmpty || (s.style != .plain && !s.isNullTagged) { return s.string }
        error(.wrongType, "\(what) must be a string", node, rule: rule)
        return nil
    }

    mutating func int(_ node: YAMLNode, _ what: String, rule: String?) -> Int? {
        if let s = node.scalar, let v = Int(s.string) { return v }
        error(.wrongType, "\(what) must be an integer", node, rule: rule)
        return nil
    }

    mutating func double(_ node: YAMLNode, _ what: String, rule: String?) -> Double? {
        if let s = node.scalar, let v = Double(s.string) { return v }
        error(.wrongType, "\(what) must be a number", node, rule: rule)
        return nil
    }

    mutating func bool(_ node: YAMLNode, _ what: String, rule: String?) -> Bool? {
        switch node.scalar?.string.lowercased() {
        case "true", "yes": return true
        case "false", "no": return false
        default:
            error(.wrongType, "\(what) must be true or false", node, rule: rule)
            return nil
        }
    }

    /// A list of nodes; a single scalar counts as a one-element list.
    mutating func list(_ node: YAMLNode, _ what: String, rule: String?) -> [YAMLNode] {
        if let seq = node.sequence { return seq }
        if node.scalar != nil { return [node] }
        error(.wrongType, "\(what) must be a list", node, rule: rule)
        return []
    }

    mutating func strings(_ node: YAMLNode, _ what: String, rule: String?) -> [String] {
        list(node, what, rule: rule).compactMap { string($0, what, rule: rule) }
    }

    /// Converts params to plain values; numbers and booleans are resolved by YAML's core schema.
    func value(_ node: YAMLNode) -> RuleValue {
        switch node {
        case .scalar(let s):
            if s.style == .plain {
                let lower = s.string.lowercased()
                if lower == "true" { return .bool(true) }
                if lower == "false" { return .bool(false) }
                if lower == "null" || lower == "~" || s.string.isEmpty { return .null }
                if let d = Double(s.string) { return .number(d) }
            }
            return .string(s.string)
        case .sequence(let seq, _): return .list(seq.map(value))
        case .mapping(let m, _):
            var out: [String: RuleValue] = [:]
            for (k, v) in m { out[k.scalar?.string ?? ""] = value(v) }
            return .map(out)
        }
    }

    /// The allowed key closest to a misspelt one, for the hint in E002.
    static func closest(_ key: String, in allowed: Set<String>) -> String? {
        func distance(_ a: [Character], _ b: [Character]) -> Int {
            var prev = Array(0...b.count)
            for i in 1...max(1, a.count) where !a.isEmpty {
                var cur = [i] + Array(repeating: 0, count: b.count)
                for j in 1...max(1, b.count) where !b.isEmpty {
                    cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                }
                prev = cur
            }
            return prev[b.count]
        }
        let k = Array(key)
        let best = allowed.map { ($0, distance(k, Array($0))) }.min { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }
        return best.flatMap { $0.1 <= 2 ? $0.0 : nil }
    }
}
