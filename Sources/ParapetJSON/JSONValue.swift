/// A parsed JSON document: numbers keep their source text, objects keep order and duplicates.
///
/// Not declared `indirect`: arrays already store their elements out of line, and boxing every
/// scalar cost about a fifth of parse throughput on structure-heavy input.
public enum JSONValue: Sendable {
    case null
    case bool(Bool)
    /// The exact source text of the number (e.g. `"1.50e+3"`), so ids and precision round-trip.
    case number(String)
    case string(String)
    case array([JSONValue])
    /// Members in source order; duplicate keys are kept (see `subscript(key:)`).
    case object([(key: String, value: JSONValue)])
}

extension JSONValue: Equatable {
    /// Structural equality: object members compare in order (duplicates included) and numbers
    /// compare by their text, so `1.0` and `1` differ; use `doubleValue` to compare magnitudes.
    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.number(a), .number(b)): return a == b
        case let (.string(a), .string(b)): return a == b
        case let (.array(a), .array(b)): return a == b
        case let (.object(a), .object(b)):
            guard a.count == b.count else { return false }
            for i in a.indices where a[i].key != b[i].key || a[i].value != b[i].value {
                return false
            }
            return true
        default: return false
        }
    }
}

extension JSONValue {
    /// The JSON Schema type name: "null", "boolean", "number", "string", "array" or "object".
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    /// The value of member `key` of an object, or nil for a missing key or a non-object.
    /// When a key appears more than once, the last occurrence wins (as in most JSON parsers
    /// that build dictionaries); use `objectValue` to see every duplicate.
    public subscript(key key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        for member in members.reversed() where member.key == key {
            return member.value
        }
        return nil
    }

    /// The element at `index` of an array, or nil when out of range or not an array.
    public subscript(index index: Int) -> JSONValue? {
        guard case .array(let items) = self, items.indices.contains(index) else { return nil }
        return items[index]
    }

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    public var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    /// The number as a Double (nearest value; huge exponents give ±infinity).
    public var doubleValue: Double? {
        guard case .number(let text) = self else { return nil }
        return Double(text)
    }

    /// The number as an Int when it is integral and fits (`"1.5e3"` gives 1500, `"1.5"` gives nil).
    public var intValue: Int? {
        guard case .number(let text) = self else { return nil }
        if let exact = Int(text) { return exact }
        // Non-plain integer spellings ("1e3", "2.0") go through Double; beyond 2^53 they may
        // lose precision, which is why the plain spelling is tried first.
        guard let d = Double(text), d.rounded(.towardZero) == d,
              d >= -9.223372036854775808e18, d < 9.223372036854775808e18 else { return nil }
        return Int(d)
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let items) = self { return items }
        return nil
    }

    public var objectValue: [(key: String, value: JSONValue)]? {
        if case .object(let members) = self { return members }
        return nil
    }
}
