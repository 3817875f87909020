import ParapetJSON
import ParapetRegex

/// One compiled schema object (immutable; `Pattern` is shareable).
final class SchemaNode: Sendable {
    let types: [String]?
    let required: [String]
    let properties: [(String, SchemaNode)]
    /// nil: anything allowed; `.forbidden`: no extra keys; `.schema`: extras must match.
    let additional: Additional
    let enumValues: [JSONValue]?
    let pattern: Pattern?
    let patternSource: String?
    let minimum: Double?, maximum: Double?, exclusiveMinimum: Double?, exclusiveMaximum: Double?
    let minLength: Int?, maxLength: Int?, minItems: Int?, maxItems: Int?
    let items: SchemaNode?

    enum Additional: Sendable { case allowed, forbidden, schema(SchemaNode) }

    init(_ v: JSONValue, path: String) throws(SchemaError) {
        if case .bool(let b) = v {
            // `true` accepts anything; `false` accepts nothing (an impossible type list).
            self.types = b ? nil : []
            required = []; properties = []; additional = .allowed; enumValues = nil; pattern = nil; patternSource = nil
            minimum = nil; maximum = nil; exclusiveMinimum = nil; exclusiveMaximum = nil
            minLength = nil; maxLength = nil; minItems = nil; maxItems = nil; items = nil
            return
        }
        guard case .object = v else { throw SchemaError("a schema must be an object or a boolean", at: path) }
        if let t = v[key: "type"] {
            if let s = t.stringValue { types = [s] }
            else if case .array(let a) = t, a.allSatisfy({ $0.stringValue != nil }) { types = a.compactMap(\.stringValue) }
            else { throw SchemaError("type must be a string or a list of strings", at: path) }
            let known: Set<String> = ["null", "boolean", "object", "array", "number", "integer", "string"]
            if let bad = types?.first(where: { !known.contains($0) }) { throw SchemaError("unknown type '\(bad)'", at: path) }
        } else { types = nil }
        if let r = v[key: "required"] {
            guard case .array(let a) = r, a.allSatisfy({ $0.stringValue != nil }) else { throw SchemaError("required must be a list of strings", at: path) }
            required = a.compactMap(\.stringValue)
        } else { required = [] }
        var props: [(String, SchemaNode)] = []
        if let p = v[key: "properties"] {
            guard case .object(let members) = p else { throw SchemaError("properties must be an object", at: path) }
            for (k, sub) in members { props.append((k, try SchemaNode(sub, path: path + ".properties." + k))) }
        }
        properties = props
        switch v[key: "additionalProperties"] {
        case .none: additional = .allowed
        case .some(.bool(let b)): additional = b ? .allowed : .forbidden
        case .some(let s): additional = .schema(try SchemaNode(s, path: path + ".additionalProperties"))
        }
        if let e = v[key: "enum"] {
            guard case .array(let a) = e else { throw SchemaError("enum must be a list", at: path) }
            enumValues = a
        } else if let c = v[key: "const"] { enumValues = [c] } else { enumValues = nil }
        if let p = v[key: "pattern"] {
            guard let src = p.stringValue else { throw SchemaError("pattern must be a string", at: path) }
            do { pattern = try Pattern(src, options: PatternOptions(caseless: false)) } catch { throw SchemaError("invalid pattern: \(error.message)", at: path + ".pattern") }
            patternSource = src
        } else { pattern = nil; patternSource = nil }
        func num(_ k: String) throws(SchemaError) -> Double? {
            guard let x = v[key: k] else { return nil }
            guard let d = x.doubleValue else { throw SchemaError("\(k) must be a number", at: path) }
            return d
        }
        func count(_ k: String) throws(SchemaError) -> Int? {
            guard let x = v[key: k] else { return nil }
            guard let n = x.intValue, n >= 0 else { throw SchemaError("\(k) must be a non-negative integer", at: path) }
            return n
        }
        minimum = try num("minimum"); maximum = try num("maximum")
        exclusiveMinimum = try num("exclusiveMinimum"); exclusiveMaximum = try num("exclusiveMaximum")
        minLength = try count("minLength"); maxLength = try count("maxLength")
        minItems = try count("minItems"); maxItems = try count("maxItems")
        items = try v[key: "items"].map { (s) throws(SchemaError) in try SchemaNode(s, path: path + ".items") }
    }

    func check(_ v: JSONValue, path: String, scratch: MatchScratch, into out: inout [SchemaViolation]) {
        func fail(_ m: String) { out.append(SchemaViolation(path: path, message: m)) }
        if let types, !types.contains(where: { Self.matches(v, type: $0) }) {
            fail(types.isEmpty ? "no value is allowed here" : "expected \(types.joined(separator: " or ")), got \(v.typeName)")
            return
        }
        if let enumValues, !enumValues.contains(where: { Self.equal($0, v) }) {
            fail("value is not one of \(enumValues.map { $0.serialized() }.joined(separator: ", "))")
        }
        switch v {
        case .object(let members):
            for r in required where !members.contains(where: { $0.key == r }) { fail("missing required property '\(r)'") }
            for (k, sub) in members {
                let childPath = path + Self.member(k)
                if let schema = properties.first(where: { $0.0 == k })?.1 {
                    schema.check(sub, path: childPath, scratch: scratch, into: &out)
                } else {
                    switch additional {
                    case .allowed: break
                    case .forbidden: out.append(SchemaViolation(path: childPath, message: "additional property is not allowed"))
                    case .schema(let s): s.check(sub, path: childPath, scratch: scratch, into: &out)
                    }
                }
            }
        case .array(let elements):
            if let minItems, elements.count < minItems { fail("expected at least \(minItems) items, got \(elements.count)") }
            if let maxItems, elements.count > maxItems { fail("expected at most \(maxItems) items, got \(elements.count)") }
            if let items { for (i, e) in elements.enumerated() { items.check(e, path: path + "[\(i)]", scratch: scratch, into: &out) } }
        case .string(let s):
            let n = s.unicodeScalars.count
            if let minLength, n < minLength { fail("shorter than \(minLength) characters") }
            if let maxLength, n > maxLength { fail("longer than \(maxLength) characters") }
            if let pattern, let src = patternSource {
                let bytes = Array(s.utf8)
                let outcome = bytes.withUnsafeBufferPointer { pattern.firstMatch(in: $0, scratch: scratch) }
                switch outcome {
                case .match: break
                case .noMatch: fail("does not match pattern \(src)")
                case .limit(let k): fail("pattern \(src) hit the \(k) limit")
                }
            }
        case .number:
            guard let d = v.doubleValue else { break }
            if let minimum, d < minimum { fail("less than minimum \(Self.format(minimum))") }
            if let maximum, d > maximum { fail("greater than maximum \(Self.format(maximum))") }
            if let exclusiveMinimum, d <= exclusiveMinimum { fail("not greater than \(Self.format(exclusiveMinimum))") }
            if let exclusiveMaximum, d >= exclusiveMaximum { fail("not less than \(Self.format(exclusiveMaximum))") }
        default: break
        }
    }

    static func matches(_ v: JSONValue, type: String) -> Bool {
        switch (type, v) {
        case ("null", .null), ("boolean", .bool), ("object", .object), ("array", .array), ("string", .string), ("number", .number): return true
        case ("integer", .number): return v.doubleValue.map { $0 == $0.rounded() && $0.isFinite } ?? false
        default: return false
        }
    }

    /// JSON equality where numbers compare by value (1 == 1.0), as JSON Schema's enum does.
    static func equal(_ a: JSONValue, _ b: JSONValue) -> Bool {
        if case .number = a, case .number = b { return a.doubleValue == b.doubleValue }
        return a == b
    }

    /// `.name` for identifier-like keys, `["odd key"]` otherwise.
    static func member(_ k: String) -> String {
        let simple = !k.isEmpty && k.utf8.allSatisfy { ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F }
        return simple ? "." + k : "[" + JSONValue.string(k).serialized() + "]"
    }

    static func format(_ d: Double) -> String { d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d) }
}
