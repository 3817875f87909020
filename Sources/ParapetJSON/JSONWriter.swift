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

    /// Empties the writer for the next document, keeping its buffer's capacity.
    public mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        needsComma = false
        afterKey = false
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

    /// Writes a member name made once (`JSONKey`): one copy, where `key(_:)` escapes the
    /// name and appends it piece by piece on every call.
    public mutating func key(_ k: JSONKey) {
        bytes.append(contentsOf: needsComma ? k.token : k.first)
        afterKey = true
        needsComma = true
    }

    /// Writes a string value made once (`JSONText`) as one copy.
    public mutating func writeString(_ t: JSONText) {
        beforeValue()
        bytes.append(contentsOf: t.token)
        needsComma = true
    }

    public mutating func writeString(_ s: String) {
        beforeValue()
        appendQuoted(s)
        needsComma = true
    }

    /// Writes `utf8` as the string `String(decoding: utf8, as: UTF8.self)` would give (invalid
    /// sequences become U+FFFD), without building that String when the bytes are all ASCII.
    public mutating func writeString(decoding utf8: [UInt8]) {
        utf8.withUnsafeBufferPointer { p in
            guard Self.isASCII(p) else { return writeString(String(decoding: p, as: UTF8.self)) }
            beforeValue()
            appendQuoted(p)
            needsComma = true
        }
    }

    /// Writes bytes that already are one JSON value (a string token copied from input that
    /// was parsed, say), unchanged; the caller vouches that they are valid JSON.
    public mutating func writeRawValue(_ json: UnsafeBufferPointer<UInt8>) {
        beforeValue()
        bytes.append(contentsOf: json)
        needsComma = true
    }

    public mutating func writeNumber(_ n: Int) {
        beforeValue()
        if n >= 0 && n < 10 {
            bytes.append(0x30 &+ UInt8(truncatingIfNeeded: n))
        } else {
            // Digits from the right into a small buffer (no String to build): 19 digits and a
            // sign at most.
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { buf in
                var v = n.magnitude
                var k = 20
                repeat {
                    k &-= 1
                    buf[k] = 0x30 &+ UInt8(truncatingIfNeeded: v % 10)
                    v /= 10
                } while v != 0
                if n < 0 {
                    k &-= 1
                    buf[k] = UInt8(ascii: "-")
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buf[k...]))
            }
        }
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
        var s = s
        s.withUTF8 { appendQuoted($0) }
    }

    /// Appends `"utf8"` with JSON escapes; the bytes must be valid UTF-8.
    private mutating func appendQuoted(_ utf8: UnsafeBufferPointer<UInt8>) {
        bytes.append(UInt8(ascii: "\""))
        var run = 0
        var i = Self.nextSpecial(utf8, from: 0)
        while i < utf8.count {
            let c = utf8[i]
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
            i = Self.nextSpecial(utf8, from: run)
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run...]))
        bytes.append(UInt8(ascii: "\""))
    }

    /// First index at or after `from` holding `"`, `\\` or a byte below 0x20 (what JSON must
    /// escape), or `count`.
    @inline(__always)
    static func nextSpecial(_ p: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
        guard let base = p.baseAddress else { return p.count }
        return JSONSpecialBytes.next(in: base, from: from, end: p.count)
    }

    /// True when every byte is below 0x80 (eight at a time).
    static func isASCII(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = p.baseAddress else { return true }
        var i = 0
        var acc: UInt64 = 0
        while i + 8 <= p.count {
            // SAFETY: i + 8 <= count.
            acc |= UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            i += 8
        }
        while i < p.count { acc |= UInt64(base[i]); i += 1 }
        return acc & 0x8080_8080_8080_8080 == 0
    }
}

/// A member name quoted once, with its comma and colon (`,"name":`), for `JSONWriter.key(_:)`
/// on hot paths that write the same names for every document.
public struct JSONKey: Sendable {
    /// `,"name":`, and the same without the comma for an object's first member.
    let token: [UInt8], first: [UInt8]
    public init(_ name: String) {
        var w = JSONWriter(capacity: name.utf8.count + 4)
        w.writeString(name)
        first = w.bytes + [UInt8(ascii: ":")]
        token = [UInt8(ascii: ",")] + first
    }
}

/// A string value quoted and escaped once, for `JSONWriter.writeString(_:)` on hot paths.
public struct JSONText: Sendable {
    let token: [UInt8]
    public init(_ value: String) {
        var w = JSONWriter(capacity: value.utf8.count + 2)
        w.writeString(value)
        token = w.bytes
    }
}
