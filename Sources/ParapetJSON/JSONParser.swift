/// Strict RFC 8259 parsing of untrusted bytes into `JSONValue`, bounded by `JSONLimits`.
///
/// Rejected: trailing commas, leading zeros, unescaped control bytes in strings, invalid
/// escapes, anything but whitespace after the value, and a byte-order mark. Tolerated (the CLI
/// must keep going on dirty data): invalid UTF-8 and unpaired surrogate escapes inside strings,
/// both decoded as U+FFFD. `\u0000` is kept as a NUL character.
public enum JSONParser {
    /// Parses one complete document.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>, limits: JSONLimits = .default) throws(JSONError) -> JSONValue {
        var reader = JSONReader(bytes, limits: limits)
        return try reader.parseDocument()
    }

    public static func parse(_ bytes: UnsafeRawBufferPointer, limits: JSONLimits = .default) throws(JSONError) -> JSONValue {
        try parse(bytes.assumingMemoryBound(to: UInt8.self), limits: limits)
    }

    public static func parse(_ bytes: [UInt8], limits: JSONLimits = .default) throws(JSONError) -> JSONValue {
        let result = bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(JSONError) in try parse(buffer, limits: limits) }
        }
        return try result.get()
    }

    public static func parse(_ bytes: ArraySlice<UInt8>, limits: JSONLimits = .default) throws(JSONError) -> JSONValue {
        let result = bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(JSONError) in try parse(buffer, limits: limits) }
        }
        return try result.get()
    }

    /// Parses the UTF-8 of `text` (without copying when the string is native).
    public static func parse(_ text: String, limits: JSONLimits = .default) throws(JSONError) -> JSONValue {
        var text = text
        let result = text.withUTF8 { buffer in
            Result { () throws(JSONError) in try parse(buffer, limits: limits) }
        }
        return try result.get()
    }

    /// Parses a document that must be an object and returns its members in order, duplicates
    /// kept; the shape the CLI's JSON Lines mode and tool-call arguments expect.
    public static func parseObject(_ bytes: UnsafeBufferPointer<UInt8>, limits: JSONLimits = .default) throws(JSONError) -> [(key: String, value: JSONValue)] {
        var reader = JSONReader(bytes, limits: limits)
        try reader.expectObjectDocument()
        guard case .object(let members) = try reader.parseDocument() else {
            preconditionFailure("a document starting with '{' parses to an object")
        }
        return members
    }

    public static func parseObject(_ bytes: [UInt8], limits: JSONLimits = .default) throws(JSONError) -> [(key: String, value: JSONValue)] {
        let result = bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(JSONError) in try parseObject(buffer, limits: limits) }
        }
        return try result.get()
    }

    public static func parseObject(_ bytes: ArraySlice<UInt8>, limits: JSONLimits = .default) throws(JSONError) -> [(key: String, value: JSONValue)] {
        let result = bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(JSONError) in try parseObject(buffer, limits: limits) }
        }
        return try result.get()
    }

    public static func parseObject(_ text: String, limits: JSONLimits = .default) throws(JSONError) -> [(key: String, value: JSONValue)] {
        var text = text
        let result = text.withUTF8 { buffer in
            Result { () throws(JSONError) in try parseObject(buffer, limits: limits) }
        }
        return try result.get()
    }
}
