import ParapetJSON

/// One tool call the model issued: the tool's name and its JSON arguments.
public struct ToolCall: Sendable {
    public var tool: String
    public var args: JSONValue

    public init(tool: String, args: JSONValue = .object([])) {
        self.tool = tool
        self.args = args
    }
}

/// Bounds on the arguments of one call; anything beyond them is denied as malformed.
public struct ArgLimits: Sendable, Hashable {
    /// Nesting of arrays/objects; agents' real arguments are shallow.
    public var maxDepth: Int
    /// Bytes of the serialized arguments (when parsed from bytes) and of all strings together.
    public var maxBytes: Int
    /// Values in the whole argument tree.
    public var maxValues: Int

    public init(maxDepth: Int = 16, maxBytes: Int = 1 << 20, maxValues: Int = 10_000) {
        self.maxDepth = maxDepth
        self.maxBytes = maxBytes
        self.maxValues = maxValues
    }

    public static let `default` = ArgLimits()

    var jsonLimits: JSONLimits {
        JSONLimits(maxDepth: maxDepth + 2, maxBytes: maxBytes + 4096, maxStringBytes: maxBytes, maxContainerCount: maxValues, maxValueCount: maxValues + 8)
    }

    /// Why `args` breaks the limits, or nil. Iterative, so hostile nesting cannot overflow the stack.
    func violation(_ args: JSONValue) -> String? {
        var stack: [(JSONValue, Int)] = [(args, 1)]
        var values = 0
        var bytes = 0
        while let (v, depth) = stack.popLast() {
            values += 1
            if values > maxValues { return "arguments hold more than \(maxValues) values" }
            switch v {
            case .string(let s):
                bytes += s.utf8.count
            case .number(let t):
                bytes += t.utf8.count
            case .array(let items):
                if depth > maxDepth { return "arguments are nested deeper than \(maxDepth) levels" }
                for item in items { stack.append((item, depth + 1)) }
            case .object(let members):
                if depth > maxDepth { return "arguments are nested deeper than \(maxDepth) levels" }
                for m in members {
                    bytes += m.key.utf8.count
                    stack.append((m.value, depth + 1))
                }
            default: break
            }
            if bytes > maxBytes { return "arguments exceed \(maxBytes) bytes" }
        }
        return nil
    }
}

/// A call request as the CLI and JSONL callers send it: `{"session", "tool", "args", "untrusted"?}`.
public struct ToolCallRequest: Sendable {
    public var session: String
    public var call: ToolCall
    public var untrusted: [String]
    public var profile: String?

    public init(session: String, call: ToolCall, untrusted: [String] = [], profile: String? = nil) {
        self.session = session
        self.call = call
        self.untrusted = untrusted
        self.profile = profile
    }

    /// A parsed request, or the deny a malformed one gets.
    public enum Parsed: Sendable {
        case request(ToolCallRequest)
        case rejected(PolicyDecision)
    }

    /// Parses one request; a malformed one is an error message that becomes a deny.
    /// `args` may be an object or a string holding a JSON object (as OpenAI-style APIs send it).
    public static func parse(_ bytes: [UInt8], limits: ArgLimits = .default) -> Parsed {
        let members: [(key: String, value: JSONValue)]
        do {
            members = try JSONParser.parseObject(bytes, limits: JSONLimits(maxDepth: limits.maxDepth + 3, maxBytes: limits.maxBytes * 4 + 4096,
                                                                              maxStringBytes: limits.maxBytes * 4, maxContainerCount: limits.maxValues * 4,
                                                                              maxValueCount: limits.maxValues * 4))
        } catch {
            return .rejected(.malformed("request is not valid JSON: \(error.message)"))
        }
        let root = JSONValue.object(members)
        guard let tool = root[key: "tool"]?.stringValue, !tool.isEmpty else {
            return .rejected(.malformed("request needs a non-empty string 'tool'"))
        }
        let session = root[key: "session"]?.stringValue ?? "default"
        var args = root[key: "args"] ?? .object([])
        if case .string(let text) = args {
            do { args = .object(try JSONParser.parseObject(text, limits: limits.jsonLimits)) } catch {
                return .rejected(.malformed("'args' string is not a JSON object: \(error.message)"))
            }
        }
        var untrusted: [String] = []
        if let u = root[key: "untrusted"] {
            switch u {
            case .string(let s): untrusted = [s]
            case .array(let items):
                for item in items {
                    guard let s = item.stringValue else { return .rejected(.malformed("'untrusted' must be a list of strings")) }
                    untrusted.append(s)
                }
            case .null: break
            default: return .rejected(.malformed("'untrusted' must be a list of strings"))
            }
        }
        let profile = root[key: "profile"]?.stringValue
        return .request(ToolCallRequest(session: session, call: ToolCall(tool: tool, args: args), untrusted: untrusted, profile: profile))
    }
}
