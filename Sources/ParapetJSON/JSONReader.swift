/// The parser's cursor over borrowed bytes; valid only inside the `withUnsafe…` call that made it.
struct JSONReader {
    // SAFETY: `base` points at `end` readable bytes owned by the caller's buffer for the whole
    // life of the reader; every read below is guarded by `pos < end` (or `pos + n <= end`).
    let base: UnsafePointer<UInt8>
    let end: Int
    var pos: Int = 0
    let limits: JSONLimits
    var valueCount = 0
    /// Levels already open outside `parseValue`'s own stack (see `parseMembersDocument`).
    var depthBase = 0

    init(_ buffer: UnsafeBufferPointer<UInt8>, limits: JSONLimits) {
        // An empty buffer may have a nil base; point at a dummy byte that is never read.
        self.base = buffer.baseAddress ?? JSONReader.emptyBase
        self.end = buffer.count
        self.limits = limits
    }

    // SAFETY: written once at initialisation and never again, so sharing it is race-free.
    nonisolated(unsafe) private static let emptyBase: UnsafePointer<UInt8> = {
        let p = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
        p.initialize(to: 0)
        return UnsafePointer(p)
    }()

    /// One open container on the explicit stack; the parser never recurses, so hostile nesting
    /// cannot exhaust the thread stack.
    struct Frame {
        var isObject: Bool
        var items: [JSONValue] = []
        var members: [(key: String, value: JSONValue)] = []
        /// The key whose value is being parsed (objects only).
        var key: String = ""
        var count: Int { isObject ? members.count : items.count }
    }

    /// Parses exactly one value followed only by whitespace.
    mutating func parseDocument() throws(JSONError) -> JSONValue {
        guard end <= limits.maxBytes else {
            throw JSONError(kind: .sizeLimit, offset: limits.maxBytes,
                            message: "input of \(end) bytes exceeds the limit of \(limits.maxBytes)")
        }
        let value = try parseValue()
        skipWhitespace()
        if pos < end {
            throw JSONError.unexpected(base[pos], at: pos, expected: "end of input")
        }
        return value
    }

    /// Parses one value starting at `pos` (after optional whitespace), leaving `pos` after it.
    mutating func parseValue() throws(JSONError) -> JSONValue {
        var stack: [Frame] = []
        var value: JSONValue
        nextValue: while true {
            skipWhitespace()
            guard pos < end else { throw JSONError.end(at: pos, inside: "a value") }
            try countValue()
            let c = base[pos]
            switch c {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let isObject = c == UInt8(ascii: "{")
                guard stack.count + depthBase < limits.maxDepth else {
                    throw JSONError(kind: .depthLimit, offset: pos,
                                    message: "nesting deeper than \(limits.maxDepth) at byte \(pos)")
                }
                pos += 1
                skipWhitespace()
                let close = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
                if pos < end && base[pos] == close {
                    pos += 1
                    value = isObject ? .object([]) : .array([])
                } else {
                    var frame = Frame(isObject: isObject)
                    // Most containers are small; starting at 4 skips the 1 -> 2 -> 4 regrowth.
                    if isObject { frame.members.reserveCapacity(4) } else { frame.items.reserveCapacity(4) }
                    if isObject { frame.key = try parseKey() }
                    stack.append(frame)
                    continue nextValue
                }
            case UInt8(ascii: "\""):
                value = .string(try parseString())
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                value = .number(try parseNumber())
            case UInt8(ascii: "t"):
                try expectLiteral("true"); value = .bool(true)
            case UInt8(ascii: "f"):
                try expectLiteral("false"); value = .bool(false)
            case UInt8(ascii: "n"):
                try expectLiteral("null"); value = .null
            default:
                throw JSONError.unexpected(c, at: pos, expected: "a value")
            }

            // Attach the finished value to the open containers, closing as many as end here.
            while !stack.isEmpty {
                let top = stack.count - 1
                if stack[top].isObject {
                    let key = stack[top].key
                    stack[top].members.append((key: key, value: value))
                } else {
                    stack[top].items.append(value)
                }
                if stack[top].count > limits.maxContainerCount {
                    throw JSONError(kind: .containerLimit, offset: pos,
                                    message: "more than \(limits.maxContainerCount) members in one container at byte \(pos)")
                }
                skipWhitespace()
                guard pos < end else {
                    throw JSONError.end(at: pos, inside: stack[top].isObject ? "an object" : "an array")
                }
                let c = base[pos]
                if c == UInt8(ascii: ",") {
                    pos += 1
                    if stack[top].isObject { stack[top].key = try parseKey() }
                    continue nextValue
                }
                let frame = stack.removeLast()
                if frame.isObject {
                    guard c == UInt8(ascii: "}") else {
                        throw JSONError.unexpected(c, at: pos, expected: "',' or '}'")
                    }
                    value = .object(frame.members)
                } else {
                    guard c == UInt8(ascii: "]") else {
                        throw JSONError.unexpected(c, at: pos, expected: "',' or ']'")
                    }
                    value = .array(frame.items)
                }
                pos += 1
            }
            return value
        }
    }

    @inline(__always)
    mutating func countValue() throws(JSONError) {
        valueCount += 1
        if valueCount > limits.maxValueCount {
            throw JSONError(kind: .valueLimit, offset: pos,
                            message: "more than \(limits.maxValueCount) values at byte \(pos)")
        }
    }

    /// Reads `"key"` and the `:` after it.
    mutating func parseKey() throws(JSONError) -> String {
        skipWhitespace()
        guard pos < end else { throw JSONError.end(at: pos, inside: "an object") }
        guard base[pos] == UInt8(ascii: "\"") else {
            throw JSONError.unexpected(base[pos], at: pos, expected: "a string key")
        }
        let key = try parseString()
        skipWhitespace()
        guard pos < end else { throw JSONError.end(at: pos, inside: "an object") }
        guard base[pos] == UInt8(ascii: ":") else {
            throw JSONError.unexpected(base[pos], at: pos, expected: "':'")
        }
        pos += 1
        return key
    }

    mutating func expectLiteral(_ word: StaticString) throws(JSONError) {
        let n = word.utf8CodeUnitCount
        let w = word.utf8Start
        for i in 0..<n {
            guard pos + i < end else { throw JSONError.end(at: pos + i, inside: "a literal") }
            guard base[pos + i] == w[i] else {
                throw JSONError.unexpected(base[pos + i], at: pos + i, expected: "'\(word)'")
            }
        }
        pos += n
    }

    @inline(__always)
    mutating func skipWhitespace() {
        while pos < end {
            switch base[pos] {
            case 0x20, 0x0A, 0x0D, 0x09: pos += 1
            default: return
            }
        }
    }
}
