/// Number scanning: validates the RFC 8259 grammar and keeps the exact source text.
extension JSONReader {
    /// Reads a number starting at `pos` and returns its text unchanged.
    mutating func parseNumber() throws(JSONError) -> String {
        let start = pos
        let stop = try JSONNumberText.scan(base, from: pos, end: end)
        let length = stop - start
        if length > limits.maxNumberBytes {
            throw JSONError(kind: .numberLimit, offset: start,
                            message: "number longer than \(limits.maxNumberBytes) bytes at byte \(start)")
        }
        pos = stop
        // Only ASCII digits, signs, '.', 'e' got here, so this decoding is exact.
        return String(decoding: UnsafeBufferPointer(start: base + start, count: length), as: UTF8.self)
    }
}

/// The JSON number grammar, shared by the parser (to read) and the writer (to check `.number` text).
enum JSONNumberText {
    /// Index just past a valid number starting at `from`; throws where the grammar breaks.
    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
    static func scan(_ base: UnsafePointer<UInt8>, from: Int, end: Int) throws(JSONError) -> Int {
        var i = from
        @inline(__always) func isDigit(_ j: Int) -> Bool {
            j < end && base[j] >= UInt8(ascii: "0") && base[j] <= UInt8(ascii: "9")
        }
        func fail(_ j: Int, _ what: String) -> JSONError {
            j < end ? JSONError.unexpected(base[j], at: j, expected: what)
                    : JSONError.end(at: j, inside: "a number")
        }
        if i < end && base[i] == UInt8(ascii: "-") { i += 1 }
        guard isDigit(i) else { throw fail(i, "a digit") }
        if base[i] == UInt8(ascii: "0") {
            i += 1
            if isDigit(i) {
                throw JSONError(kind: .syntax, offset: i - 1,
                                message: "number with a leading zero at byte \(i - 1)")
            }
        } else {
            while isDigit(i) { i += 1 }
        }
        if i < end && base[i] == UInt8(ascii: ".") {
            i += 1
            guard isDigit(i) else { throw fail(i, "a digit after '.'") }
            while isDigit(i) { i += 1 }
        }
        if i < end && (base[i] == UInt8(ascii: "e") || base[i] == UInt8(ascii: "E")) {
            i += 1
            if i < end && (base[i] == UInt8(ascii: "+") || base[i] == UInt8(ascii: "-")) { i += 1 }
            guard isDigit(i) else { throw fail(i, "a digit in the exponent") }
            while isDigit(i) { i += 1 }
        }
        return i
    }

    /// True when `text` is exactly one JSON number (no whitespace, nothing after it).
    static func isValid(_ text: String) -> Bool {
        var copy = text
        return copy.withUTF8 { buffer in
            guard let base = buffer.baseAddress, !buffer.isEmpty else { return false }
            guard let stop = try? scan(base, from: 0, end: buffer.count) else { return false }
            return stop == buffer.count
        }
    }

    /// A finite Double in JSON spelling; Swift's shortest round-trip description already fits
    /// the grammar (`1.0`, `1e-05`, `-2.5e+300`).
    static func format(_ value: Double) -> String {
        let text = value.description
        return isValid(text) ? text : "0"
    }
}
