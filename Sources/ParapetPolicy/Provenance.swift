/// Untrusted content a session has seen, searchable for argument values taken from it.
///
/// Matching is on a folded form (ASCII lower-cased, whitespace and `-` removed) so an IBAN
/// written `DE89 3704 …` on a web page still matches the `DE893704…` the model passes on.
/// Values shorter than `minLength` folded bytes never count: short strings occur everywhere.
public struct Provenance: Sendable {
    public static let minLength = 6
    /// Folded untrusted texts, newest last.
    private(set) var texts: [[UInt8]] = []
    private(set) var totalBytes = 0
    /// Oldest texts are dropped beyond this many folded bytes so a long session stays bounded.
    public var maxBytes: Int

    public init(maxBytes: Int = 4 << 20) { self.maxBytes = maxBytes }

    public var isEmpty: Bool { texts.isEmpty }

    mutating func add(_ text: String) {
        let folded = Self.fold(text.utf8)
        guard !folded.isEmpty else { return }
        texts.append(folded)
        totalBytes += folded.count
        while totalBytes > maxBytes, texts.count > 1 {
            totalBytes -= texts.removeFirst().count
        }
    }

    /// Whether `value` (folded) occurs in any untrusted text.
    public func contains(_ value: String) -> Bool {
        guard !texts.isEmpty else { return false }
        let needle = Self.fold(value.utf8)
        guard needle.count >= Self.minLength else { return false }
        if texts.contains(where: { Self.find(needle, in: $0) }) { return true }
        // A URL counts when its origin does: injected text names the attacker's endpoint and
        // the model appends the stolen data (`https://evil.test/?q=` + secret).
        guard let origin = Self.origin(needle), origin.count >= Self.minLength + 8 else { return false }
        return texts.contains { Self.find(origin, in: $0) }
    }

    /// `scheme://host` of a folded URL, or nil when the value is not one.
    static func origin(_ folded: [UInt8]) -> [UInt8]? {
        guard let colon = folded.firstIndex(of: UInt8(ascii: ":")), colon > 0, colon < 16,
              folded[(colon + 1)...].starts(with: [UInt8(ascii: "/"), UInt8(ascii: "/")]) else { return nil }
        let hostStart = colon + 3
        let end = folded[hostStart...].firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") } ?? folded.count
        guard end > hostStart, end < folded.count else { return nil }
        return Array(folded[..<end])
    }

    static func fold<C: Collection>(_ bytes: C) -> [UInt8] where C.Element == UInt8 {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        for b in bytes {
            switch b {
            case 0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: "-"): continue
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): out.append(b | 0x20)
            default: out.append(b)
            }
        }
        return out
    }

    /// Plain first-byte scan then compare; values and texts are small enough that this beats setup-heavy algorithms.
    static func find(_ needle: [UInt8], in hay: [UInt8]) -> Bool {
        guard needle.count <= hay.count else { return false }
        let first = needle[0]
        let last = hay.count - needle.count
        return hay.withUnsafeBufferPointer { h in
            needle.withUnsafeBufferPointer { n in
                var i = 0
                while i <= last {
                    if h[i] == first {
                        var j = 1
                        while j < n.count, h[i + j] == n[j] { j += 1 }
                        if j == n.count { return true }
                    }
                    i += 1
                }
                return false
            }
        }
    }
}
