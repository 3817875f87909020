/// One decoded payload found in a text, with each output byte's source range in that text.
public struct DecodedSegment: Sendable, Equatable {
    /// Name of the transform that produced it ("base64", "hex", "percent", ...).
    public var transform: String
    public var bytes: [UInt8]
    public var starts: [Int32]
    public var ends: [Int32]

    public init(transform: String) {
        self.transform = transform
        bytes = []
        starts = []
        ends = []
    }

    /// Appends output byte `b` produced by source range `r`.
    @inline(__always)
    mutating func append(_ b: UInt8, from r: Range<Int>) {
        bytes.append(b)
        starts.append(Int32(r.lowerBound))
        ends.append(Int32(r.upperBound))
    }

    /// Appends the UTF-8 encoding of `s`, every byte mapped to `r`.
    mutating func append(scalar s: Unicode.Scalar, from r: Range<Int>) {
        for b in String(s).utf8 { append(b, from: r) }
    }

    /// The segment's map into the text it was decoded from (`sourceCount` bytes long).
    func map(sourceCount: Int) -> OffsetMap { OffsetMap(starts: starts, ends: ends, originalCount: sourceCount) }
}

/// Small helpers shared by the decoders.
enum DecodeSupport {
    /// Value of an ASCII hex digit, or nil.
    @inline(__always) static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case 0x30...0x39: return b - 0x30
        case 0x41...0x46: return b - 0x41 + 10
        case 0x61...0x66: return b - 0x61 + 10
        default: return nil
        }
    }

    /// True when `b` decodes as valid UTF-8 and at most a tenth of its scalars are control
    /// characters: random binary (hashes, image data, ciphertext) fails this almost always.
    static func isMostlyText(_ b: [UInt8]) -> Bool {
        guard b.count >= 4 else { return false }
        var i = 0, scalars = 0, control = 0
        while i < b.count {
            let (s, len) = UTF8Decoding.decode(b, at: i)
            guard let s else { return false }
            let v = s.value
            if (v < 0x20 && v != 0x09 && v != 0x0A && v != 0x0D) || (v >= 0x7F && v < 0xA0) || v == 0xFFFD { control += 1 }
            scalars += 1
            i += len
        }
        return control * 10 <= scalars
    }
}
