/// String decoding: an escape-free fast path, and a slow path for escapes and surrogates.
extension JSONReader {
    /// Decodes the string whose opening quote is at `pos`; leaves `pos` after the closing quote.
    /// Invalid UTF-8 and unpaired surrogate escapes become U+FFFD rather than errors.
    mutating func parseString() throws(JSONError) -> String {
        let open = pos
        let start = pos + 1
        let stop = scanToSpecial(from: start)
        guard stop < end else { throw JSONError.end(at: end, inside: "a string") }
        if base[stop] == UInt8(ascii: "\"") {
            // Fast path: one bulk copy; String(decoding:) repairs invalid UTF-8 with U+FFFD.
            let length = stop - start
            try checkStringLength(length, openedAt: open)
            pos = stop + 1
            return String(decoding: UnsafeBufferPointer(start: base + start, count: length), as: UTF8.self)
        }
        return try parseStringSlow(openedAt: open, runStart: start, stop: stop)
    }

    /// The string whose opening quote is at `pos`: the range of its content, its decoded bytes
    /// when it holds an escape (nil when it does not; not yet checked to be UTF-8), and whether
    /// every escape in it is one `JSONWriter` writes (`\"`, `\\`, `\n`, `\r`, `\t` and
    /// lower-case `\u00XX` for other control bytes). Leaves `pos` after the closing quote;
    /// accepts and rejects exactly what `parseString` does.
    mutating func stringToken() throws(JSONError) -> (content: Range<Int>, escaped: [UInt8]?, writerEscapes: Bool) {
        let open = pos
        let start = pos + 1
        let stop = scanToSpecial(from: start)
        guard stop < end else { throw JSONError.end(at: end, inside: "a string") }
        if base[stop] == UInt8(ascii: "\"") {
            try checkStringLength(stop - start, openedAt: open)
            pos = stop + 1
            return (start..<stop, nil, true)
        }
        let (bytes, writerEscapes) = try decodeEscaped(openedAt: open, runStart: start, stop: stop)
        return (start..<(pos - 1), bytes, writerEscapes)
    }

    private mutating func parseStringSlow(openedAt open: Int, runStart: Int, stop firstStop: Int) throws(JSONError) -> String {
        // Escapes only ever emit complete, valid sequences, so repairing raw invalid bytes
        // afterwards cannot merge them with escaped text into a different character.
        String(decoding: try decodeEscaped(openedAt: open, runStart: runStart, stop: firstStop).bytes, as: UTF8.self)
    }

    /// The bytes of a string with escapes (raw runs unchecked for UTF-8), from its first special
    /// byte at `firstStop`; leaves `pos` after the closing quote. `writerEscapes`: no escape but
    /// those `JSONWriter` writes.
    private mutating func decodeEscaped(openedAt open: Int, runStart: Int, stop firstStop: Int) throws(JSONError) -> (bytes: [UInt8], writerEscapes: Bool) {
        var writerEscapes = true
        var out: [UInt8] = []
        out.reserveCapacity(firstStop - runStart + 32)
        var run = runStart
        var p = firstStop
        while true {
            out.append(contentsOf: UnsafeBufferPointer(start: base + run, count: p - run))
            try checkStringLength(out.count, openedAt: open)
            guard p < end else { throw JSONError.end(at: end, inside: "a string") }
            let c = base[p]
            if c == UInt8(ascii: "\"") {
                pos = p + 1
                return (out, writerEscapes)
            }
            if c < 0x20 {
                throw JSONError(kind: .syntax, offset: p,
                                message: "unescaped control byte 0x\(JSONError.hex2(c)) in string at byte \(p)")
            }
            // c is a backslash.
            guard p + 1 < end else { throw JSONError.end(at: end, inside: "a string escape") }
            let e = base[p + 1]
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(e); p += 2
            case UInt8(ascii: "/"): out.append(e); p += 2; writerEscapes = false
            case UInt8(ascii: "b"): out.append(0x08); p += 2; writerEscapes = false
            case UInt8(ascii: "f"): out.append(0x0C); p += 2; writerEscapes = false
            case UInt8(ascii: "n"): out.append(0x0A); p += 2
            case UInt8(ascii: "r"): out.append(0x0D); p += 2
            case UInt8(ascii: "t"): out.append(0x09); p += 2
            case UInt8(ascii: "u"):
                var scalar = try hex4(at: p + 2)
                // The writer's own \u escapes: control bytes without a short form, lower-case hex.
                if scalar >= 0x20 || scalar == 0x0A || scalar == 0x0D || scalar == 0x09 || base[p + 5] &- 0x41 < 6 {
                    writerEscapes = false
                }
                p += 6
                if scalar & 0xFC00 == 0xD800 {
                    // A high surrogate pairs only with an immediately following \uDC00-\uDFFF.
                    if p + 6 <= end, base[p] == UInt8(ascii: "\\"), base[p + 1] == UInt8(ascii: "u"),
                       let low = hex4IfValid(at: p + 2), low & 0xFC00 == 0xDC00 {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        p += 6
                    } else {
                        scalar = 0xFFFD
                    }
                } else if scalar & 0xFC00 == 0xDC00 {
                    scalar = 0xFFFD
                }
                appendUTF8(scalar, to: &out)
            default:
                throw JSONError(kind: .syntax, offset: p,
                                message: "invalid escape: backslash followed by \(JSONError.describe(e)) at byte \(p)")
            }
            run = p
            p = scanToSpecial(from: p)
        }
    }

    @inline(__always)
    private func checkStringLength(_ length: Int, openedAt open: Int) throws(JSONError) {
        if length > limits.maxStringBytes {
            throw JSONError(kind: .stringLimit, offset: open,
                            message: "string longer than \(limits.maxStringBytes) bytes at byte \(open)")
        }
    }

    /// Four hex digits at `at`, or a syntax / end-of-input error pointing at the bad digit.
    private func hex4(at start: Int) throws(JSONError) -> UInt32 {
        var v: UInt32 = 0
        for i in start..<(start + 4) {
            guard i < end else { throw JSONError.end(at: end, inside: "a \\u escape") }
            guard let d = JSONReader.hexDigit(base[i]) else {
                throw JSONError(kind: .syntax, offset: i,
                                message: "invalid hex digit \(JSONError.describe(base[i])) in \\u escape at byte \(i)")
            }
            v = v << 4 | d
        }
        return v
    }

    private func hex4IfValid(at start: Int) -> UInt32? {
        guard start + 4 <= end else { return nil }
        var v: UInt32 = 0
        for i in start..<(start + 4) {
            guard let d = JSONReader.hexDigit(base[i]) else { return nil }
            v = v << 4 | d
        }
        return v
    }

    @inline(__always)
    static func hexDigit(_ c: UInt8) -> UInt32? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(c &- 0x30)
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(c &- 0x57)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(c &- 0x37)
        default: nil
        }
    }

    /// Appends a scalar (never a surrogate; callers map those to U+FFFD) as UTF-8.
    private func appendUTF8(_ v: UInt32, to out: inout [UInt8]) {
        switch v {
        case ..<0x80:
            out.append(UInt8(v))
        case ..<0x800:
            out.append(UInt8(0xC0 | v >> 6)); out.append(UInt8(0x80 | v & 0x3F))
        case ..<0x10000:
            out.append(UInt8(0xE0 | v >> 12)); out.append(UInt8(0x80 | v >> 6 & 0x3F))
            out.append(UInt8(0x80 | v & 0x3F))
        default:
            out.append(UInt8(0xF0 | v >> 18)); out.append(UInt8(0x80 | v >> 12 & 0x3F))
            out.append(UInt8(0x80 | v >> 6 & 0x3F)); out.append(UInt8(0x80 | v & 0x3F))
        }
    }

    /// First index at or after `from` holding `"`, `\` or a byte below 0x20, or `end`.
    @inline(__always)
    func scanToSpecial(from: Int) -> Int {
        JSONSpecialBytes.next(in: base, from: from, end: end)
    }
}
