import ParapetJSON
import ParapetRules
import Yams

/// Reads Yams nodes for the policy parser, collecting located diagnostics instead of stopping.
struct PolicyYAML {
    let file: String
    var diagnostics: [Diagnostic] = []

    func location(_ node: Node?) -> SourceLocation {
        guard let mark = node?.mark else { return SourceLocation(file: file, line: 1, column: 1) }
        return SourceLocation(file: file, line: mark.line, column: mark.column)
    }

    mutating func error(_ code: DiagnosticCode, _ message: String, _ node: Node?) {
        diagnostics.append(Diagnostic(code, message, at: location(node)))
    }

    /// The mapping's pairs in source order, reporting keys outside `allowed` (nil: any key).
    mutating func fields(_ node: Node?, allowed: Set<String>?, what: String) -> [(key: String, keyNode: Node, value: Node)] {
        guard let node else { return [] }
        if case .scalar(let s) = node, s.string.isEmpty || s.string == "~" || s.string == "null" { return [] }
        guard let mapping = node.mapping else {
            error(.wrongType, "\(what) must be a mapping", node)
            return []
        }
        var out: [(String, Node, Node)] = []
        for (k, v) in mapping {
            guard let key = k.scalar?.string else {
                error(.wrongType, "keys must be plain strings", k)
                continue
            }
            if let allowed, !allowed.contains(key) {
                let hint = Self.closest(key, in: allowed).map { " (did you mean '\($0)'?)" } ?? ""
                error(.unknownKey, "unknown key '\(key)' in \(what)\(hint)", k)
                continue
            }
            out.append((key, k, v))
        }
        return out
    }

    mutating func string(_ node: Node, _ what: String) -> String? {
        if let s = node.scalar { return s.string }
        error(.wrongType, "\(what) must be a string", node)
        return nil
    }

    mutating func int(_ node: Node, _ what: String, min: Int = 0) -> Int? {
        if let s = node.scalar, let v = Int(s.string) {
            if v >= min { return v }
            error(.invalidValue, "\(what) must be at least \(min), got \(v)", node)
            return nil
        }
        error(.wrongType, "\(what) must be an integer", node)
        return nil
    }

    mutating func double(_ node: Node, _ what: String) -> Double? {
        if let s = node.scalar, let v = Double(s.string), v.isFinite { return v }
        error(.wrongType, "\(what) must be a number", node)
        return nil
    }

    mutating func bool(_ node: Node, _ what: String) -> Bool? {
        switch node.scalar?.string.lowercased() {
        case "true", "yes": return true
        case "false", "no": return false
        default:
            error(.wrongType, "\(what) must be true or false", node)
            return nil
        }
    }

    /// A list; a single scalar counts as a one-element list.
    mutating func list(_ node: Node, _ what: String) -> [Node] {
        if let seq = node.sequence { return Array(seq) }
        if node.scalar != nil { return [node] }
        error(.wrongType, "\(what) must be a list", node)
        return []
    }

    mutating func strings(_ node: Node, _ what: String) -> [String] {
        list(node, what).compactMap { string($0, what) }
    }

    mutating func effect(_ node: Node) -> PolicyEffect? {
        guard let s = string(node, "effect") else { return nil }
        if let e = PolicyEffect(rawValue: s) { return e }
        error(.invalidValue, "unknown effect '\(s)' (expected allow, ask or deny)", node)
        return nil
    }

    mutating func path(_ node: Node, _ text: String) -> ArgPath? {
        if let p = ArgPath(text) { return p }
        error(.invalidValue, "malformed argument path '\(text)' (expected e.g. to, payee.iban, items[*].url)", node)
        return nil
    }

    /// YAML to JSON by the core schema: plain scalars that read as numbers, booleans or null
    /// become those; anything quoted stays a string.
    func json(_ node: Node) -> JSONValue {
        switch node {
        case .scalar(let s):
            if s.style == .plain {
                let lower = s.string.lowercased()
                if lower == "true" { return .bool(true) }
                if lower == "false" { return .bool(false) }
                if lower == "null" || lower == "~" || s.string.isEmpty { return .null }
                if let d = Double(s.string), d.isFinite, s.string.first != "+", s.string.first != "." { return .number(s.string) }
            }
            return .string(s.string)
        case .sequence(let seq): return .array(seq.map(json))
        case .mapping(let m): return .object(m.map { ($0.key.scalar?.string ?? "", json($0.value)) })
        case .alias: return .null
        }
    }

    /// The allowed key closest to a misspelt one (edit distance ≤ 2), for the E002 hint.
    static func closest(_ key: String, in allowed: Set<String>) -> String? {
        func distance(_ a: [UInt8], _ b: [UInt8]) -> Int {
            if a.isEmpty { return b.count }
            if b.isEmpty { return a.count }
            var prev = Array(0...b.count)
            for i in 1...a.count {
                var cur = [i] + Array(repeating: 0, count: b.count)
                for j in 1...b.count {
                    cur[j] = Swift.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                }
                prev = cur
            }
            return prev[b.count]
        }
        let k = Array(key.utf8)
        let best = allowed.map { ($0, distance(k, Array($0.utf8))) }.min { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }
        return best.flatMap { $0.1 <= 2 ? $0.0 : nil }
    }
}
