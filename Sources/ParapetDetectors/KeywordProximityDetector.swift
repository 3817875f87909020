import ParapetRules
import ParapetText

/// Fires when an override verb and an instruction object occur within `window` bytes of each
/// other, in either order (many languages put the object first). Bounded: one pass over at most
/// `max_bytes` bytes, a fixed number of remembered positions.
struct KeywordProximityDetector: Detector {
    static let name = "keyword-proximity"
    let verbs: StemTable
    let objects: StemTable
    let window: Int
    let minPairs: Int
    let maxBytes: Int
    /// Per byte value: whether a verb or object stem starts with it.
    let starts: [Bool]

    init(params: [String: RuleValue]) throws {
        let p = try DetectorParams(params, allowed: ["verbs", "objects", "window", "min_pairs", "max_bytes"])
        verbs = StemTable(try p.words("verbs"))
        objects = StemTable(try p.words("objects"))
        window = try p.int("window", default: 48, in: 4...400)
        minPairs = try p.int("min_pairs", default: 1, in: 1...10)
        maxBytes = try p.int("max_bytes", default: 65_536, in: 256...1_048_576)
        starts = zip(verbs.firstBytes, objects.firstBytes).map { $0 || $1 }
    }

    var maxSpan: Int? { window + verbs.longest + objects.longest }

    /// Every pair holds a verb, so a view without any verb stem cannot score.
    var triggerLiterals: [String]? { verbs.stems }

    func detect(_ view: TextView, context: ScanContext) -> [DetectorHit] {
        let b = view.bytes
        let n = min(b.count, maxBytes)
        var scan = Pairing()
        b.withUnsafeBufferPointer { p in
            guard let base = p.baseAddress else { return }
            // Eight bytes a step, only positions where the byte loop (`visit`) can do more than
            // step on are visited: clause marks, non-ASCII lead bytes, and ASCII bytes after a
            // byte that is no word byte (an ASCII byte after a word byte cannot start a stem).
            var next = 0            // the byte loop's position: bytes before it are done
            var block = 0
            var carry: UInt64 = 0   // 0x80 when the byte before the block is a word byte
            while block &+ 8 <= n {
                let x = SaladScan.load(base + block)
                let word = ProximityScan.wordBytes(x)
                let afterWord = word << 8 | carry
                carry = word >> 56
                var visit = ProximityScan.clauseMarks(x) | (x & x << 1 & SaladScan.high) | (~x & SaladScan.high & ~afterWord)
                while visit != 0 {
                    let k = block &+ visit.trailingZeroBitCount >> 3
                    visit &= visit &- 1
                    if k >= next { next = self.visit(p, k, n, &scan) }
                }
                block &+= 8
            }
            var i = max(next, block)
            while i < n { i = self.visit(p, i, n, &scan) }
        }
        guard scan.pairs >= minPairs, let span = scan.first else { return [] }
        return [DetectorHit(range: span, note: "\(scan.pairs) override verb/object pair(s)")]
    }

    /// What the pass has seen so far: the pending verb and object, the pairs, the first pair.
    private struct Pairing {
        var lastVerb: Range<Int>? = nil
        var lastObject: Range<Int>? = nil
        var pairs = 0
        var first: Range<Int>? = nil
    }

    /// One step of the byte loop at `i` (of `n` bytes read); returns where the next step is.
    @inline(__always)
    private func visit(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ n: Int, _ s: inout Pairing) -> Int {
        let c = b[i]
        // A clause boundary ends any pending verb or object: "forget it; the instructions are here".
        if c == 0x2E || c == 0x3B || c == 0x21 || c == 0x3F || c == 0x0A || (c == 0xE3 && i + 2 < n && b[i + 1] == 0x80 && b[i + 2] == 0x82) {
            s.lastVerb = nil; s.lastObject = nil
            return i + 1
        }
        // Most bytes start no stem (inside a word, or a letter no stem begins with).
        if !starts[Int(c)] || StemTable.cannotStart(b, at: i) { return i + 1 }
        if let len = verbs.match(b, at: i) {
            let r = i..<(i + len)
            if Self.isNegated(b, before: i) { return i + len }
            if let o = s.lastObject, r.lowerBound - o.upperBound <= window {
                s.pairs += 1; if s.first == nil { s.first = o.lowerBound..<r.upperBound }
                s.lastObject = nil
            }
            s.lastVerb = r
            return i + len
        }
        if let len = objects.match(b, at: i) {
            let r = i..<(i + len)
            if let v = s.lastVerb, r.lowerBound - v.upperBound <= window {
                s.pairs += 1; if s.first == nil { s.first = v.lowerBound..<r.upperBound }
                s.lastVerb = nil
            } else {
                s.lastObject = r
            }
            return i + len
        }
        return i + 1
    }

    /// "don't forget the instructions" is advice, not an override: skip verbs right after a negation.
    static func isNegated(_ b: UnsafeBufferPointer<UInt8>, before i: Int) -> Bool {
        for neg in negations where i >= neg.count {
            if b[(i - neg.count)..<i].elementsEqual(neg) { return true }
        }
        return false
    }

    private static let negations: [[UInt8]] = ["n't ", "not ", "never ", "n’t "].map { Array($0.utf8) }
}

/// The byte masks of the proximity pass, eight bytes at a time (0x80 in each byte that qualifies).
enum ProximityScan {
    /// Bytes equal to `c`, exactly for any byte value.
    @inline(__always) static func equal(_ x: UInt64, _ c: UInt8) -> UInt64 {
        SaladScan.zeroBytes(x ^ SaladScan.ones &* UInt64(c))
    }

    /// Bytes in `lo...hi` (both below 0x80).
    @inline(__always) static func inRange(_ x: UInt64, _ lo: UInt8, _ hi: UInt8) -> UInt64 {
        let low = x & ~SaladScan.high
        return (low &+ SaladScan.ones &* UInt64(0x80 - lo)) & ~(low &+ SaladScan.ones &* UInt64(0x7F - hi)) & ~x & SaladScan.high
    }

    /// `ByteClass.isWordByte`: ASCII letters and digits, `_`, and every byte from 0x80.
    @inline(__always) static func wordBytes(_ x: UInt64) -> UInt64 {
        inRange(x | SaladScan.ones &* 0x20, 0x61, 0x7A) | inRange(x, 0x30, 0x39) | equal(x, 0x5F) | (x & SaladScan.high)
    }

    /// The ASCII clause marks (. ; ! ? newline); "。" starts with a lead byte, visited anyway.
    @inline(__always) static func clauseMarks(_ x: UInt64) -> UInt64 {
        equal(x, 0x2E) | equal(x, 0x3B) | equal(x, 0x21) | equal(x, 0x3F) | equal(x, 0x0A)
    }
}
