import ParapetJSON

/// One tool of an MCP `tools/list` answer, scanned and hashed.
public struct ToolListEntry: Sendable, Hashable {
    public let name: String
    /// SHA-256 (hex) of the tool's name, description and input schema as sent (canonical JSON).
    public let hash: String
    /// Rules that fired on the name, description or a parameter description.
    public let finding: ContentFinding
}

/// How a pinned tool list changed.
public enum ToolPinChange: Sendable, Hashable, CustomStringConvertible {
    case added(String)
    case removed(String)
    case changed(String, old: String, new: String)

    public var description: String {
        switch self {
        case .added(let n): "tool '\(n)' is new"
        case .removed(let n): "tool '\(n)' disappeared"
        case .changed(let n, _, _): "tool '\(n)' changed its description or schema since it was pinned"
        }
    }
}

/// The inspection of a tool list: per-tool findings and hashes, and changes against pins.
public struct ToolListReport: Sendable {
    public let entries: [ToolListEntry]
    public let changes: [ToolPinChange]
    /// Tools whose texts the checker flagged (tool poisoning).
    public var poisoned: [ToolListEntry] { entries.filter { !$0.finding.isClean } }
    /// Name → hash, to store and pass as `pins` next time.
    public var pins: [String: String] { Dictionary(entries.map { ($0.name, $0.hash) }, uniquingKeysWith: { a, _ in a }) }
}

/// Scans an MCP `tools/list` result (`{"tools": [...]}`, or a JSON-RPC answer with it under `result`)
/// for injected instructions and compares each tool's hash with the pins from last time.
public enum ToolListInspector {
    public enum Failure: Error, Sendable, CustomStringConvertible {
        case malformed(String)
        public var description: String { if case .malformed(let m) = self { return m }; return "" }
    }

    public static func inspect(_ bytes: [UInt8], checker: any ContentChecker, pins: [String: String] = [:]) throws(Failure) -> ToolListReport {
        let root: JSONValue
        do { root = try JSONParser.parse(bytes) } catch { throw .malformed("tool list is not valid JSON: \(error.message)") }
        guard let tools = (root[key: "tools"] ?? root[key: "result"]?[key: "tools"])?.arrayValue else {
            throw .malformed("expected an object with a 'tools' array (or 'result.tools')")
        }
        var entries: [ToolListEntry] = []
        for t in tools {
            guard let name = t[key: "name"]?.stringValue else { throw .malformed("every tool needs a string 'name'") }
            let schema = t[key: "inputSchema"] ?? t[key: "input_schema"] ?? .null
            var texts = [name]
            if let d = t[key: "description"]?.stringValue { texts.append(d) }
            collectDescriptions(schema, into: &texts)
            var finding = ContentFinding.clean
            for text in texts {
                let f = checker.check(text)
                finding.blocked = finding.blocked || f.blocked
                finding.score = max(finding.score, f.score)
                for r in f.rules where !finding.rules.contains(r) { finding.rules.append(r) }
            }
            let pinned: JSONValue = .object([("name", .string(name)), ("description", t[key: "description"] ?? .null), ("inputSchema", schema)])
            entries.append(ToolListEntry(name: name, hash: SHA256.hex(pinned.serializedBytes()), finding: finding))
        }
        var changes: [ToolPinChange] = []
        if !pins.isEmpty {
            let now = Dictionary(entries.map { ($0.name, $0.hash) }, uniquingKeysWith: { a, _ in a })
            for e in entries {
                if let old = pins[e.name] { if old != e.hash { changes.append(.changed(e.name, old: old, new: e.hash)) } } else { changes.append(.added(e.name)) }
            }
            for name in pins.keys.sorted() where now[name] == nil { changes.append(.removed(name)) }
        }
        return ToolListReport(entries: entries, changes: changes)
    }

    /// Parameter descriptions and titles anywhere in the schema: a poisoned tool hides text there too.
    static func collectDescriptions(_ v: JSONValue, into out: inout [String]) {
        var stack = [v]
        while let x = stack.popLast() {
            switch x {
            case .object(let m):
                for (k, val) in m {
                    if (k == "description" || k == "title"), let s = val.stringValue { out.append(s) } else { stack.append(val) }
                }
            case .array(let a): stack += a
            default: break
            }
        }
    }
}
