/// One member of an object read by `JSONParser.parseMembers`: its key and its value, a string
/// kept with its place in the input (and left undecoded when it has no escape).
///
/// A JSON Lines message is mostly one long text that the reader scans as bytes and echoes back;
/// decoding it into a `String`, copying it out again and re-escaping it for the echo cost more
/// than the rest of the line. Offsets are 0-based, into the bytes that were parsed.
public struct JSONMember: Sendable {
    public enum Value: Sendable {
        case parsed(JSONValue)
        /// A string, undecoded when it has no escape (its content is then exactly
        /// `bytes[content]`), else decoded into `escaped` (not yet checked to be UTF-8);
        /// `writerEscapes`: it has no escape but those `JSONWriter` writes.
        case string(content: Range<Int>, escaped: [UInt8]?, writerEscapes: Bool)
    }

    public let key: String
    public let value: Value

    /// The value as `parseObject` gives it (invalid UTF-8 repaired with U+FFFD, as the parser does).
    public func decoded(in bytes: UnsafeBufferPointer<UInt8>) -> JSONValue {
        switch value {
        case .parsed(let v): v
        case .string(let r, nil, _): .string(String(decoding: UnsafeBufferPointer(rebasing: bytes[r]), as: UTF8.self))
        case .string(_, let escaped?, _): .string(String(decoding: escaped, as: UTF8.self))
        }
    }

    /// For a string value: its UTF-8 as `decoded` gives it and, when `JSONWriter` would write
    /// that text exactly as it stands in `bytes` (valid UTF-8, only the writer's escapes), the
    /// string's JSON form there, quotes included, to copy instead of escaping the text again.
    /// Nil for any other value.
    public func stringBytes(in bytes: UnsafeBufferPointer<UInt8>) -> (utf8: [UInt8], json: UnsafeBufferPointer<UInt8>?)? {
        guard case .string(let r, let escaped, let writerEscapes) = value else {
            if case .parsed(.string(let s)) = value { return (Array(s.utf8), nil) }
            return nil
        }
        let json = UnsafeBufferPointer(rebasing: bytes[(r.lowerBound - 1)..<(r.upperBound + 1)])
        let raw = escaped ?? Array(UnsafeBufferPointer(rebasing: bytes[r]))
        let valid = raw.withUnsafeBufferPointer { JSONWriter.isASCII($0) } || String(validating: raw, as: UTF8.self) != nil
        if valid { return (raw, writerEscapes ? json : nil) }
        return (Array(String(decoding: raw, as: UTF8.self).utf8), nil)
    }
}

extension Array where Element == JSONMember {
    /// The member named `key`; a key given twice counts at its last occurrence, as
    /// `JSONValue[key:]` reads it.
    public func member(_ key: String) -> JSONMember? { last { $0.key == key } }

    /// `member(key)` decoded from `bytes`, the input these members were read from.
    public func value(_ key: String, in bytes: UnsafeBufferPointer<UInt8>) -> JSONValue? { member(key)?.decoded(in: bytes) }
}

extension JSONParser {
    /// `parseObject`, with the same checks, limits and errors, except that a member whose value
    /// is a string keeps its place in the input (`JSONMember.Value.string`).
    public static func parseMembers(_ bytes: UnsafeBufferPointer<UInt8>, limits: JSONLimits = .default) throws(JSONError) -> [JSONMember] {
        var reader = JSONReader(bytes, limits: limits)
        try reader.expectObjectDocument()
        return try reader.parseMembersDocument()
    }
}

extension JSONReader {
    /// Throws what `parseObject` throws for a document that is no object: its own syntax or
    /// limit error, or else a type mismatch. Leaves `pos` at the `{` of an object.
    mutating func expectObjectDocument() throws(JSONError) {
        skipWhitespace()
        if pos < end && base[pos] != UInt8(ascii: "{") {
            let value = try parseDocument()
            let article = value.typeName == "array" ? "an array" : "a \(value.typeName)"
            throw JSONError(kind: .typeMismatch, offset: 0, message: "expected an object but the document is \(article) at byte 0")
        }
    }

    /// `parseDocument` for an object at `pos` (or an empty input), returning its members. The
    /// steps and their order mirror `parseValue`'s, so limits and errors come out the same: the
    /// object counts as one value and one level, each member value is parsed one level down.
    mutating func parseMembersDocument() throws(JSONError) -> [JSONMember] {
        guard end <= limits.maxBytes else {
            throw JSONError(kind: .sizeLimit, offset: limits.maxBytes,
                            message: "input of \(end) bytes exceeds the limit of \(limits.maxBytes)")
        }
        guard pos < end else { throw JSONError.end(at: pos, inside: "a value") }
        try countValue()
        guard limits.maxDepth > 0 else {
            throw JSONError(kind: .depthLimit, offset: pos, message: "nesting deeper than \(limits.maxDepth) at byte \(pos)")
        }
        pos += 1
        skipWhitespace()
        var members: [JSONMember] = []
        if pos < end && base[pos] == UInt8(ascii: "}") {
            pos += 1
        } else {
            members.reserveCapacity(4)
            var key = try parseKey()
            depthBase = 1
            while true {
                members.append(JSONMember(key: key, value: try parseMemberValue()))
                if members.count > limits.maxContainerCount {
                    throw JSONError(kind: .containerLimit, offset: pos,
                                    message: "more than \(limits.maxContainerCount) members in one container at byte \(pos)")
                }
                skipWhitespace()
                guard pos < end else { throw JSONError.end(at: pos, inside: "an object") }
                let c = base[pos]
                if c == UInt8(ascii: ",") {
                    pos += 1
                    key = try parseKey()
                    continue
                }
                guard c == UInt8(ascii: "}") else { throw JSONError.unexpected(c, at: pos, expected: "',' or '}'") }
                pos += 1
                break
            }
            depthBase = 0
        }
        skipWhitespace()
        if pos < end { throw JSONError.unexpected(base[pos], at: pos, expected: "end of input") }
        return members
    }

    /// One member's value: a string with its place in the input, anything else parsed.
    private mutating func parseMemberValue() throws(JSONError) -> JSONMember.Value {
        skipWhitespace()
        guard pos < end, base[pos] == UInt8(ascii: "\"") else { return .parsed(try parseValue()) }
        try countValue()
        let (content, escaped, writerEscapes) = try stringToken()
        return .string(content: content, escaped: escaped, writerEscapes: writerEscapes)
    }
}
