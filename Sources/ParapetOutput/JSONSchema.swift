import ParapetJSON
import ParapetRegex

/// A compiled JSON Schema subset for checking structured model output: `type`, `required`,
/// `properties`, `additionalProperties`, `enum`, `const`, `pattern` (PCRE2), `minimum`/`maximum`,
/// `exclusiveMinimum`/`exclusiveMaximum`, `minLength`/`maxLength`, `items`, `minItems`/`maxItems`.
/// Unknown keywords are ignored, as JSON Schema does. Patterns are compiled once, at init.
public final class JSONSchema: Sendable {
    let node: SchemaNode

    /// Compiles `schema` (a JSON Schema document as text).
    public convenience init(_ schema: String) throws(SchemaError) {
        let value: JSONValue
        do { value = try JSONParser.parse(schema) } catch { throw SchemaError("schema is not valid JSON: \(error.message)", at: "$") }
        try self.init(value)
    }

    public init(_ schema: JSONValue) throws(SchemaError) {
        node = try SchemaNode(schema, path: "$")
    }

    /// Every violation in `document` (text); an unparsable document is one violation at `$`.
    public func validate(_ document: String) -> [SchemaViolation] {
        do {
            return validate(try JSONParser.parse(document))
        } catch {
            return [SchemaViolation(path: "$", message: "not valid JSON: \(error.message)")]
        }
    }

    /// Every violation in `value`, with paths like `$.items[3].price`.
    public func validate(_ value: JSONValue) -> [SchemaViolation] {
        var out: [SchemaViolation] = []
        let pool = ScratchPool(keep: 1)
        pool.withScratch { scratch in node.check(value, path: "$", scratch: scratch, into: &out) }
        return out
    }
}

/// One way a document breaks its schema.
public struct SchemaViolation: Sendable, Hashable, CustomStringConvertible {
    /// Where, e.g. `$.items[3].price`.
    public let path: String
    public let message: String
    public var description: String { "\(path): \(message)" }
}

/// Why a schema could not be compiled.
public struct SchemaError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public let path: String
    init(_ message: String, at path: String) { self.message = message; self.path = path }
    public var description: String { "schema \(path): \(message)" }
}
