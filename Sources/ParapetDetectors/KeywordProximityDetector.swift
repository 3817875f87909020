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
        var lastVerb: Range<Int>? = nil
        var lastObject: Range<Int>? = nil
        var pairs = 0
        var first: Range<Int>? = nil
        var i = 0
        while i < n {
            let c = b[i]
            // A clause boundary ends any pending verb or object: "forget it; the instructions are here".
            if c == 0x2E || c == 0x3B || c == 0x21 || c == 0x3F || c == 0x0A || (c == 0xE3 && i + 2 < n && b[i + 1] == 0x80 && b[i + 2] == 0x82) {
                lastVerb = nil; lastObject = nil
                i += 1
                continue
            }
            // Most bytes start no stem (inside a word, or a letter no stem begins with).
            if !starts[Int(c)] || StemTable.cannotStart(b, at: i) {
                i += 1
                continue
            }
            if let len = verbs.match(b, at: i) {
                let r = i..<(i + len)
                if Self.isNegated(b, before: i) { i += len; continue }
                if let o = lastObject, r.lowerBound - o.upperBound <= window {
                    pairs += 1; if first == nil { first = o.lowerBound..<r.upperBound }
                    lastObject = nil
                }
                lastVerb = r
                i += len
                continue
            }
            if let len = objects.match(b, at: i) {
                let r = i..<(i + len)
                if let v = lastVerb, r.lowerBound - v.upperBound <= window {
                    pairs += 1; if first == nil { first = v.lowerBound..<r.upperBound }
                    lastVerb = nil
                } else {
                    lastObject = r
                }
                i += len
                continue
            }
            i += 1
        }
        guard pairs >= minPairs, let span = first else { return [] }
        return [DetectorHit(range: span, note: "\(pairs) override verb/object pair(s)")]
    }

    /// "don't forget the instructions" is advice, not an override: skip verbs right after a negation.
    static func isNegated(_ b: [UInt8], before i: Int) -> Bool {
        for neg in negations where i >= neg.count {
            if Array(b[(i - neg.count)..<i]) == neg { return true }
        }
        return false
    }

    private static let negations: [[UInt8]] = ["n't ", "not ", "never ", "n’t "].map { Array($0.utf8) }
}
