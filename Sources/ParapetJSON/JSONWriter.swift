/// Builds compact JSON into a byte buffer; commas are inserted automatically.
///
/// Strings keep their UTF-8 as is and escape only what JSON requires (`"`, `\`, bytes below
/// 0x20), so the output is valid JSON for any Swift string. Calls must be balanced by the
/// caller (`beginObject` with `endObject`, `key` before each object member); the writer does
/// not check nesting, which keeps it cheap on hot paths.
public struct JSONWriter: Sendable {
    public var bytes: [UInt8]
    /// A value was written at the current level, so the next one needs a comma.
    private var needsComma = false
    /// A key was just written, so the next value follows its colon without a comma.
    private var afterKey = false

    public init(capacity: Int = 256) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// The output as a String (always valid UTF-8).
    public var string: String { String(decoding: bytes, as: UTF8.self) }

    @inline(__always)
    private mutating func beforeValue() {
        if afterKey {
            afterKey = false
        } else if needsComma {
            bytes.append(UInt8(ascii: ","))
        }
    }

    public mutating func beginObject() {
        beforeValue()
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
    }

    public mutating func endObject() {
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    public mutating func beginArray() {
        beforeValue()
        bytes.append(UInt8(ascii: "["))
        needsComma = false
    }

    public mutating func endArray() {
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    /// Writes an object member's key and colon; the next write is its value.
    public mutating func key(_ name: String) {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
        appendQuoted(name)
        bytes.append(UInt8(ascii: ":"))
        afterKey = true
        needsComma = true
    }

    public mutating func writeString(_ s: String) {
        beforeValue()
        appendQuoted(s)
        needsComma = true
    }

    public mutating func writeNumber(_ n: Int) {
        beforeValue()
        bytes.append(contentsOf: String(n).utf8)
        needsComma = true
    }

    /// Writes a Double in shortest round-trip form; NaN and infinities are written as `null`.
    public mutating func writeNumber(_ n: Double) {
        guard n.isFinite else { return writeNull() }
        beforeValue()
        bytes.append(contentsOf: JSONNumberText.format(n).utf8)
        needsComma = true
    }

    /// Writes number text verbatim when it is a valid JSON number, otherwise `null`, so a
    /// hand-built `.number("abc")` can never corrupt the output.
    public mutating func writeNumber(text: String) {
        guard JSONNumberText.isValid(text) else { return writeNull() }
        beforeValue()
        bytes.append(contentsOf: text.utf8)
        needsComma = true
    }

    public mutating func writeBool(_ b: Bool) {
        beforeValue()
        bytes.append(contentsOf: b ? "true".utf8 : "false".utf8)
        needsComma = true
    }

    public mutating func writeNull() {
        beforeValue()
        bytes.append(contentsOf: "null".utf8)
        needsComma = true
    }

    /// Appends `"s"` with JSON escapes, copying unescaped runs in bulk.
    private mutating func appendQuoted(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { utf8 in
            var run = 0
            for i in 0..<utf8.count {
                let c = utf8[i]
                guard c < 0x20 || c == UInt8(ascii: "\"") || c == UInt8(ascii: "\\") else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run..<i]))
                run = i + 1
                bytes.append(UInt8(ascii: "\\"))
                switch c {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(c)
                case 0x0A: bytes.append(UInt8(ascii: "n"))
                case 0x0D: bytes.append(UInt8(ascii: "r"))
                case 0x09: bytes.append(UInt8(ascii: "t"))
                default:
                    let hex: StaticString = "0123456789abcdef"
                    bytes.append(contentsOf: "u00".utf8)
                    bytes.append(hex.utf8Start[Int(c >> 4)])
                    bytes.append(hex.utf8Start[Int(c & 0xF)])
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
