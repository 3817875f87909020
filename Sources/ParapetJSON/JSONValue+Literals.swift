/// Literal conformances so code and tests can write `["id": 1, "tags": ["a"]]`.
extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .number(String(value)) }
    public init(floatLiteral value: Double) { self = JSONValue(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    /// Keeps the literal's order and any duplicate keys.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(elements.map { (key: $0.0, value: $0.1) })
    }
}

extension JSONValue {
    /// A number from an Int.
    public init(_ value: Int) { self = .number(String(value)) }

    /// A number from a Double; NaN and infinities have no JSON spelling and become `null`.
    public init(_ value: Double) {
        self = value.isFinite ? .number(JSONNumberText.format(value)) : .null
    }
}
