import ParapetJSON

/// An address into a call's JSON arguments: `to`, `payee.iban`, `items[*].url`, `files[0]`, `meta.*`.
///
/// Resolution is universal: a wildcard yields every element, and a requirement must hold for all
/// of them. A path that reaches nothing yields no values (only `required` then complains).
public struct ArgPath: Sendable, Hashable, CustomStringConvertible {
    public enum Step: Sendable, Hashable {
        case key(String)
        case index(Int)
        /// `[*]` on arrays or `.*` on objects: every element or member value.
        case any
    }

    public let steps: [Step]
    public let description: String

    /// Parses the dotted/bracketed syntax; nil when it is malformed.
    public init?(_ text: String) {
        var steps: [Step] = []
        let bytes = Array(text.utf8)
        var i = 0
        var key: [UInt8] = []
        func flushKey() -> Bool {
            guard !key.isEmpty else { return false }
            let s = String(decoding: key, as: UTF8.self)
            steps.append(s == "*" ? .any : .key(s))
            key.removeAll()
            return true
        }
        var expectKey = true
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: ".") {
                if !flushKey() && expectKey { return nil }
                expectKey = true
                i += 1
            } else if b == UInt8(ascii: "[") {
                if !key.isEmpty { _ = flushKey() } else if steps.isEmpty { return nil }
                guard let close = bytes[i...].firstIndex(of: UInt8(ascii: "]")) else { return nil }
                let inner = String(decoding: bytes[(i + 1)..<close], as: UTF8.self)
                if inner == "*" { steps.append(.any) } else if let n = Int(inner), n >= 0 { steps.append(.index(n)) } else { return nil }
                i = close + 1
                expectKey = false
                if i < bytes.count, bytes[i] != UInt8(ascii: "."), bytes[i] != UInt8(ascii: "[") { return nil }
            } else {
                key.append(b)
                expectKey = false
                i += 1
            }
        }
        if !key.isEmpty { _ = flushKey() } else if expectKey { return nil }
        guard !steps.isEmpty else { return nil }
        self.steps = steps
        self.description = text
    }

    /// The first key, used to tell declared argument names from undeclared ones.
    var rootKey: String? {
        if case .key(let k) = steps.first { return k }
        return nil
    }

    /// Every value the path reaches in `root`, appended to `out`.
    func resolve(_ root: JSONValue, into out: inout [JSONValue]) {
        walk(root, 0, &out)
    }

    private func walk(_ value: JSONValue, _ depth: Int, _ out: inout [JSONValue]) {
        if depth == steps.count {
            out.append(value)
            return
        }
        switch steps[depth] {
        case .key(let k):
            if let v = value[key: k] { walk(v, depth + 1, &out) }
        case .index(let n):
            if let v = value[index: n] { walk(v, depth + 1, &out) }
        case .any:
            switch value {
            case .array(let items): for v in items { walk(v, depth + 1, &out) }
            case .object(let members): for m in members { walk(m.value, depth + 1, &out) }
            default: break
            }
        }
    }
}
