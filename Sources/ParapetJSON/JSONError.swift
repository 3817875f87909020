/// Why a document was rejected and where: `offset` is a 0-based byte offset into the input.
public struct JSONError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The class of failure; limit kinds are kept apart from syntax so callers can pick a fail mode.
    public enum Kind: String, Sendable, Equatable {
        /// The input is not RFC 8259 JSON (bad character, escape, number, trailing data).
        case syntax
        /// The input ended inside a value (truncated line, unterminated string).
        case unexpectedEnd
        case depthLimit
        /// The whole input exceeds `JSONLimits.maxBytes`.
        case sizeLimit
        case stringLimit
        case numberLimit
        case containerLimit
        case valueLimit
        /// Valid JSON, but not the shape asked for (e.g. `parseObject` on an array).
        case typeMismatch
    }

    public var kind: Kind
    public var offset: Int
    /// Human-readable, including the offset, e.g. "unexpected character 'x' at byte 17".
    public var message: String

    public init(kind: Kind, offset: Int, message: String) {
        self.kind = kind
        self.offset = offset
        self.message = message
    }

    public var description: String { message }
}

extension JSONError {
    /// Shows one input byte safely: printable ASCII quoted, anything else as hex, so hostile
    /// input never reaches logs verbatim.
    static func describe(_ byte: UInt8) -> String {
        if byte >= 0x20 && byte < 0x7F { return "character '\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x" + hex2(byte)
    }

    static func hex2(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
    }

    static func unexpected(_ byte: UInt8, at offset: Int, expected: String? = nil) -> JSONError {
        var text = "unexpected \(describe(byte)) at byte \(offset)"
        if let expected { text += " (expected \(expected))" }
        return JSONError(kind: .syntax, offset: offset, message: text)
    }

    static func end(at offset: Int, inside what: String) -> JSONError {
        JSONError(kind: .unexpectedEnd, offset: offset,
                  message: "unexpected end of input inside \(what) at byte \(offset)")
    }
}
