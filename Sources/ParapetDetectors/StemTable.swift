/// A set of lower-case word stems looked up by their first byte, for prefix matching at word starts.
/// ASCII stems match only where a word begins; stems that start with a non-ASCII letter also match
/// inside a run of letters, because CJK and Thai text has no spaces between words.
struct StemTable: Sendable {
    private var buckets: [[[UInt8]]] = Array(repeating: [], count: 256)
    /// Bit `first << 8 | second` set when some stem starts with those two bytes (or is the one
    /// byte `first`): most word starts are ruled out by one look-up before the bucket is read.
    private var pairs: [UInt64] = Array(repeating: 0, count: 1024)
    let longest: Int
    /// The stems as given: every match is one of them, so they double as prefilter triggers.
    let stems: [String]

    init(_ stems: [String]) {
        self.stems = stems
        var longest = 0
        for s in stems {
            let b = Array(s.utf8)
            buckets[Int(b[0])].append(b)
            longest = max(longest, b.count)
            for second in 0..<256 where b.count == 1 || Int(b[1]) == second {
                let bit = Int(b[0]) << 8 | second
                pairs[bit >> 6] |= 1 << UInt64(bit & 63)
            }
        }
        // Longer stems first, so the reported match is the most specific one.
        for i in buckets.indices { buckets[i].sort { $0.count > $1.count } }
        self.longest = longest
    }

    /// Per byte value: whether some stem starts with it.
    var firstBytes: [Bool] { buckets.map { !$0.isEmpty } }

    /// Whether `match(bytes, at: i)` can only be nil whatever the stems: inside an ASCII word or on
    /// a UTF-8 continuation byte (checked before the stems, so callers can skip such positions).
    @inline(__always)
    static func cannotStart(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        let first = bytes[i]
        return first < 0x80 ? i > 0 && ByteClass.isWordByte(bytes[i - 1]) : first < 0xC0
    }

    @inline(__always)
    static func cannotStart(_ bytes: [UInt8], at i: Int) -> Bool {
        bytes.withUnsafeBufferPointer { cannotStart($0, at: i) }
    }

    func match(_ bytes: [UInt8], at i: Int) -> Int? {
        bytes.withUnsafeBufferPointer { match($0, at: i) }
    }

    /// Length of the stem that starts at `i`, if any.
    func match(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
        let first = bytes[i]
        if first < 0x80, i > 0, ByteClass.isWordByte(bytes[i - 1]) { return nil }
        if first >= 0x80 && first < 0xC0 { return nil }  // continuation byte: not a character start
        if i + 1 < bytes.count {
            let bit = Int(first) << 8 | Int(bytes[i + 1])
            if pairs[bit >> 6] >> UInt64(bit & 63) & 1 == 0 { return nil }
        }
        for stem in buckets[Int(first)] where i + stem.count <= bytes.count {
            var ok = true
            var k = 1
            while k < stem.count { if bytes[i + k] != stem[k] { ok = false; break }; k += 1 }
            if ok { return stem.count }
        }
        return nil
    }
}

/// Byte classes shared by the detectors (ASCII only; any non-ASCII byte counts as a letter).
enum ByteClass {
    @inline(__always) static func isWordByte(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39) || b == 0x5F || b >= 0x80
    }
    @inline(__always) static func isLetter(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A)
    }
    @inline(__always) static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }
}
