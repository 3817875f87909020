import ParapetRules
import ParapetText

/// A gate for patterns without a usable literal (digit classes, `@`, `$2`): one pass over the raw
/// bytes records which byte-class pairs occur and the longest digit and token runs, and a rule
/// whose patterns need a pair or run the text lacks is skipped. The requirements are derived
/// from the pattern source by `ByteClassAnalysis`, conservatively: anything it cannot read
/// yields no requirement, so the gate only skips rules PCRE2 could not match. Immutable.
public struct ByteClassGate: Sendable {
    /// Per rule index: the clauses that must all hold on the raw bytes, or empty (no gate).
    let ruleClauses: [[ByteClause]]
    /// Whether any rule is gated (else the feature pass is never run).
    public let isEmpty: Bool

    public init(ruleSet: CompiledRuleSet) {
        ruleClauses = ruleSet.rules.map(Self.clauses(for:))
        isEmpty = ruleClauses.allSatisfy(\.isEmpty)
    }

    /// The clauses gating `rule`: only pattern rules without a detector that read the raw view
    /// alone (the features are computed on the scanned bytes).
    static func clauses(for rule: CompiledRule) -> [ByteClause] {
        guard rule.detector == nil, !rule.patterns.isEmpty, rule.spec.views == [.raw] else { return [] }
        var perPattern: [[ByteClause]] = []
        for p in rule.patterns {
            guard let cnf = ByteClassAnalysis.clauses(of: p.source, caseless: p.options.caseless), !cnf.isEmpty else { return [] }
            perPattern.append(cnf)
        }
        if perPattern.count == 1 { return perPattern[0] }
        // Several patterns: the rule fires when any does, so one clause ORs each pattern's best.
        let any = perPattern.map { $0[0] }.reduce(ByteClause()) { $0.or($1) }
        return any.score < ByteClause.uselessScore ? [any] : []
    }

    /// Whether rule `index` may match a text with `features` (true when it has no gate).
    @inline(__always)
    public func allows(_ index: Int, _ features: ByteFeatures) -> Bool {
        for c in ruleClauses[index] where !c.holds(features) { return false }
        return true
    }

    /// Whether rule `index` cannot match a text of `ViewSet.shortRunsOnly`, known without the
    /// feature pass: one of its clauses asks only for a long run (the secret formats that always
    /// run on input do), and the decoders' precheck has already looked for runs of base64
    /// bytes, a superset of ASCII token bytes. Asked at most once per gated rule and scan.
    public func needsLongRun(_ index: Int) -> Bool { ruleClauses[index].contains(where: \.isLongRunOnly) }

    /// Whether rule `index` has a byte-class gate.
    public func isGated(_ index: Int) -> Bool { !ruleClauses[index].isEmpty }

    /// A readable form of rule `index`'s clauses (for `parapet-bench --literals`).
    public func describe(_ index: Int) -> String? {
        ruleClauses[index].isEmpty ? nil : ruleClauses[index].map(\.description).joined(separator: " AND ")
    }
}

/// Byte categories the gate tells apart; case-symmetric (a–f with A–F), so caseless patterns
/// need no extra care for ASCII letters.
enum ByteCategory {
    static let digit = 0, hexLetter = 1, letter = 2, space = 3, dot = 4, dash = 5, colon = 6, at = 7
    static let dollar = 8, plus = 9, slash = 10, underscore = 11, quote = 12, otherASCII = 13
    /// Bytes of the non-ASCII characters caseless matching pairs with an ASCII letter (ſ, K,
    /// İ, ı): C4 B0 B1 C5 BF E2 84 AA. A class holding s, k or i may match them.
    static let partner = 14
    /// Every other byte ≥ 0x80.
    static let nonASCII = 15
    static let count = 16

    static let table: [UInt8] = (0..<256).map { UInt8(of(UInt8($0))) }
    /// Per 8-bit mask: its longest run of set bits.
    static let longestRun: [UInt8] = (0..<256).map { m -> UInt8 in
        var best = 0, run = 0
        for k in 0..<8 { if m >> k & 1 == 1 { run += 1; best = max(best, run) } else { run = 0 } }
        return UInt8(best)
    }
    static let names = ["digit", "a-f", "letter", "space", ".", "-", ":", "@", "$", "+", "/", "_", "quote", "punct", "sk-partner", "non-ASCII"]

    static func of(_ b: UInt8) -> Int {
        switch b {
        case 0x30...0x39: return digit
        case 0x41...0x46, 0x61...0x66: return hexLetter
        case 0x47...0x5A, 0x67...0x7A: return letter
        case 0x20, 0x09...0x0D: return space
        case UInt8(ascii: "."): return dot
        case UInt8(ascii: "-"): return dash
        case UInt8(ascii: ":"): return colon
        case UInt8(ascii: "@"): return at
        case UInt8(ascii: "$"): return dollar
        case UInt8(ascii: "+"): return plus
        case UInt8(ascii: "/"): return slash
        case UInt8(ascii: "_"): return underscore
        case UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "`"): return quote
        case 0xC4, 0xB0, 0xB1, 0xC5, 0xBF, 0xE2, 0x84, 0xAA: return partner
        case 0x80...: return nonASCII
        default: return otherASCII
        }
    }

    /// Categories whose bytes extend a token run: `[A-Za-z0-9_-]` and the partner bytes.
    static let tokenMask: UInt16 = 1 << digit | 1 << hexLetter | 1 << letter | 1 << dash | 1 << underscore | 1 << partner
    static let digitMask: UInt16 = 1 << digit
    static let all: UInt16 = 0xFFFF
    static let nonASCIIMask: UInt16 = 1 << partner | 1 << nonASCII

    /// Rough frequency of each category in prose, to rank clauses (lower = rarer).
    static let weight: [Double] = [0.02, 0.25, 0.5, 0.17, 0.01, 0.004, 0.002, 0.0003, 0.0003, 0.0003, 0.001, 0.0005, 0.002, 0.01, 0.003, 0.01]
}

/// What the feature pass found in one text.
public struct ByteFeatures: Sendable {
    /// Bit `a * 16 + b`: a byte of category a directly followed by one of category b.
    var pairs: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    /// Bit c: some byte of category c.
    var bytes: UInt16 = 0
    /// Longest run of ASCII digits, and of token bytes, in bytes (capped at 255).
    var digitRun = 0
    var tokenRun = 0

    /// One pass over `text`.
    public init(_ text: [UInt8]) {
        self = text.withUnsafeBufferPointer { ByteFeatures($0) }
    }

    /// As `init(reference:)`, eight bytes per step where they are only ASCII letters, spaces
    /// and dots (most of prose): their pairs are read off byte masks (a-f, other letters, space,
    /// dot), their token runs off an 8-bit mask; any other block goes byte by byte as in the
    /// reference. Once the eight letter/space pairs other than space-space have all been seen (a
    /// few lines into prose), a block without a dot only adds its entry pair, space-space and
    /// its token run.
    public init(_ buf: UnsafeBufferPointer<UInt8>) {
        guard let first = buf.first else { return }
        var maxDigits = 0, maxTokens = 0
        let (p0, p1, p2, p3): (UInt64, UInt64, UInt64, UInt64) = withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 20) { words in
            words.initialize(repeating: 0)
            ByteCategory.table.withUnsafeBufferPointer { table in
                ByteCategory.longestRun.withUnsafeBufferPointer { longestRun in
                    (maxDigits, maxTokens) = Self.pass(buf, table.baseAddress!, longestRun.baseAddress!, words.baseAddress!)
                }
            }
            return (words[0], words[1], words[2], words[3])
        }
        pairs = (p0, p1, p2, p3)
        var seen: UInt16 = 1 << UInt16(ByteCategory.table[Int(first)])
        let all = p0 | p1 | p2 | p3
        seen |= UInt16(truncatingIfNeeded: all) | UInt16(truncatingIfNeeded: all >> 16)
            | UInt16(truncatingIfNeeded: all >> 32) | UInt16(truncatingIfNeeded: all >> 48)
        bytes = seen
        digitRun = min(255, maxDigits)
        tokenRun = min(255, maxTokens)
    }

    /// The loop of `init(_:)` over a non-empty `buf`: pair bits into `words[0..<4]`, lane-mask
    /// accumulators in `words[4..<20]`; returns the longest digit and token runs. A function of
    /// its own (no captured variables), so its state stays in registers.
    private static func pass(_ buf: UnsafeBufferPointer<UInt8>, _ table: UnsafePointer<UInt8>, _ longestRun: UnsafePointer<UInt8>,
                             _ words: UnsafeMutablePointer<UInt64>) -> (Int, Int) {
        let n = buf.count
        // Pairs inside fast blocks, as lane masks ORed over those blocks: `acc[a * 4 + b]` has
        // a lane of the block category a (0 a-f, 1 other letter, 2 whitespace, 3 dot) followed
        // by one of b; turned into pair bits once, after the loop.
        let acc = words + 4
        // Set once every letter/whitespace pair but whitespace-whitespace has been seen (a few
        // lines into prose): blocks without a dot then only need that one pair.
        var saturated = false
        var untilCheck = 8
        var prev = Int(table[Int(buf[0])])
        var digits = prev == ByteCategory.digit ? 1 : 0
        var tokens = Int(ByteCategory.tokenMask) &>> prev & 1
        var maxDigits = digits
        var maxTokens = tokens
        let tokenMask = Int(ByteCategory.tokenMask)
        let raw = UnsafeRawPointer(buf.baseAddress!)
        let ones: UInt64 = 0x0101_0101_0101_0101, high: UInt64 = 0x8080_8080_8080_8080
        var i = 1
        while i < n {
            if i + 8 <= n {
                let x = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                let folded = x | ones &* 0x20
                let letters = (folded &+ ones &* 0x1F) & ~(folded &+ ones &* 0x05) & high
                // Bytes below 0x21, and below 0x20: with no control byte, the first are spaces
                // (exact for ASCII bytes: no carry leaves a byte). Blocks with a tab or newline
                // take the byte path.
                let space = ~(x &+ ones &* 0x5F) & high
                let controls = ~(x &+ ones &* 0x60) & high
                let dot = ~((x ^ ones &* 0x2E) &+ ones &* 0x7F) & high
                if x & high == 0, letters | space | dot == high, controls == 0 {
                    // The pair that enters the block (its bytes' categories are in the table).
                    let b0 = prev &<< 4 | Int(table[Int(x & 0xFF)])
                    words[b0 &>> 6] |= 1 &<< UInt64(truncatingIfNeeded: b0 & 63)
                    prev = Int(table[Int(x &>> 56)])
                    if !saturated || dot != 0 {
                        blockPairs(letters, letters & ~((folded &+ ones &* 0x19) & high), space, dot, acc)
                        if !saturated {
                            untilCheck &-= 1
                            if untilCheck == 0 {
                                untilCheck = 8
                                saturated = acc[0] != 0 && acc[1] != 0 && acc[2] != 0 && acc[4] != 0 && acc[5] != 0
                                    && acc[6] != 0 && acc[8] != 0 && acc[9] != 0
                            }
                        }
                    } else {
                        acc[10] |= space &<< 8 & space
                    }
                    // Token runs: letters are token bytes, spaces and dots are not; no digits here.
                    let m = Int(truncatingIfNeeded: ((letters >> 7) &* 0x0102_0408_1020_4080) >> 56)
                    if m == 0xFF {
                        tokens &+= 8
                        maxTokens = max(maxTokens, tokens)
                    } else {
                        let lead = (~m & 0xFF).trailingZeroBitCount
                        maxTokens = max(maxTokens, tokens &+ lead, Int(longestRun[m]))
                        tokens = (UInt8(truncatingIfNeeded: ~m)).leadingZeroBitCount
                    }
                    digits = 0
                    i &+= 8
                    continue
                }
            }
            let stop = min(n, i &+ 8)
            while i < stop {
                let c = Int(table[Int(buf[i])])
                let bit = prev &<< 4 | c
                words[bit &>> 6] |= 1 &<< UInt64(truncatingIfNeeded: bit & 63)
                prev = c
                digits = (digits &+ 1) &* (c == ByteCategory.digit ? 1 : 0)
                maxDigits = max(maxDigits, digits)
                tokens = (tokens &+ 1) &* (tokenMask &>> c & 1)
                maxTokens = max(maxTokens, tokens)
                i &+= 1
            }
        }
        // Block category k is byte category k + 1 (a-f 1, letter 2, whitespace 3, dot 4).
        for a in 0..<4 {
            for b in 0..<4 where acc[a &* 4 &+ b] != 0 {
                let bit = (a &+ 1) &<< 4 | (b &+ 1)
                words[bit &>> 6] |= 1 &<< UInt64(truncatingIfNeeded: bit & 63)
            }
        }
        return (maxDigits, maxTokens)
    }

    /// ORs the lane masks of all sixteen category pairs of one fast block into `acc` (see `pass`).
    @inline(never)
    private static func blockPairs(_ letters: UInt64, _ hex: UInt64, _ space: UInt64, _ dot: UInt64, _ acc: UnsafeMutablePointer<UInt64>) {
        let masks = (hex, letters & ~hex, space, dot)
        @inline(__always) func mask(_ k: Int) -> UInt64 { k == 0 ? masks.0 : k == 1 ? masks.1 : k == 2 ? masks.2 : masks.3 }
        for a in 0..<4 {
            let shifted = mask(a) &<< 8
            for b in 0..<4 { acc[a &* 4 &+ b] |= shifted & mask(b) }
        }
    }

    /// The byte-by-byte form, the specification `init(_:)` is tested against. The loop is
    /// branch-free per byte: the pair bit goes straight into a word of a stack buffer, the run
    /// lengths are kept with conditional moves, and the categories seen are read off the pairs
    /// at the end (every byte but the first is the second of a pair).
    init(reference buf: UnsafeBufferPointer<UInt8>) {
        guard let first = buf.first else { return }
        var digits = 0, tokens = 0, maxDigits = 0, maxTokens = 0
        let (p0, p1, p2, p3): (UInt64, UInt64, UInt64, UInt64) = withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 4) { words in
            words.initialize(repeating: 0)
            ByteCategory.table.withUnsafeBufferPointer { table in
                var prev = Int(table[Int(first)])
                digits = prev == ByteCategory.digit ? 1 : 0
                tokens = Int(ByteCategory.tokenMask) &>> prev & 1
                maxDigits = digits
                maxTokens = tokens
                let tokenMask = Int(ByteCategory.tokenMask)
                for i in 1..<buf.count {
                    let c = Int(table[Int(buf[i])])
                    let bit = prev &<< 4 | c
                    words[bit &>> 6] |= 1 &<< UInt64(truncatingIfNeeded: bit & 63)
                    prev = c
                    // Run lengths times a 0/1 flag: no branch per byte.
                    digits = (digits &+ 1) &* (c == ByteCategory.digit ? 1 : 0)
                    maxDigits = max(maxDigits, digits)
                    tokens = (tokens &+ 1) &* (tokenMask &>> c & 1)
                    maxTokens = max(maxTokens, tokens)
                }
            }
            return (words[0], words[1], words[2], words[3])
        }
        pairs = (p0, p1, p2, p3)
        // Second categories of all pairs: OR the 16-bit rows (row a = bits a*16..<a*16+16).
        var seen: UInt16 = 1 << UInt16(ByteCategory.table[Int(first)])
        let all = p0 | p1 | p2 | p3
        seen |= UInt16(truncatingIfNeeded: all) | UInt16(truncatingIfNeeded: all >> 16)
            | UInt16(truncatingIfNeeded: all >> 32) | UInt16(truncatingIfNeeded: all >> 48)
        bytes = seen
        digitRun = min(255, maxDigits)
        tokenRun = min(255, maxTokens)
    }
}

/// One requirement: satisfied when any of its parts occurs (a listed pair, a listed byte
/// category, a digit run or a token run at least this long).
struct ByteClause: Sendable, Equatable, CustomStringConvertible {
    var pairs = SIMD4<UInt64>(repeating: 0)
    var bytes: UInt16 = 0
    /// 0 = no run part.
    var digitRun = 0
    var tokenRun = 0

    /// Clauses this likely to hold on prose are not worth checking.
    static let uselessScore = 0.05

    static func pair(_ a: UInt16, _ b: UInt16) -> ByteClause {
        var c = ByteClause()
        for x in 0..<16 where a & (1 << UInt16(x)) != 0 {
            for y in 0..<16 where b & (1 << UInt16(y)) != 0 {
                let bit = x << 4 | y
                c.pairs[bit >> 6] |= 1 << UInt64(bit & 63)
            }
        }
        return c
    }

    func or(_ o: ByteClause) -> ByteClause {
        var c = self
        c.pairs |= o.pairs
        c.bytes |= o.bytes
        c.digitRun = Self.weaker(digitRun, o.digitRun)
        c.tokenRun = Self.weaker(tokenRun, o.tokenRun)
        return c
    }

    static func weaker(_ a: Int, _ b: Int) -> Int { a == 0 ? b : b == 0 ? a : min(a, b) }

    @inline(__always)
    func holds(_ f: ByteFeatures) -> Bool {
        if pairs[0] & f.pairs.0 != 0 || pairs[1] & f.pairs.1 != 0 || pairs[2] & f.pairs.2 != 0 || pairs[3] & f.pairs.3 != 0 { return true }
        if bytes & f.bytes != 0 { return true }
        if digitRun > 0 && f.digitRun >= digitRun { return true }
        return tokenRun > 0 && f.tokenRun >= tokenRun
    }

    /// Estimated chance that one position of prose satisfies the clause (to rank clauses).
    var score: Double {
        let w = ByteCategory.weight
        var s = 0.0
        for k in 0..<4 {
            var m = pairs[k]
            while m != 0 {
                let bit = k << 6 | m.trailingZeroBitCount
                s += w[bit >> 4] * w[bit & 15]
                m &= m - 1
            }
        }
        for c in 0..<16 where bytes & (1 << UInt16(c)) != 0 { s += w[c] }
        if digitRun > 0 { s += Self.power(0.02, digitRun) }
        if tokenRun > 0 { s += Self.power(0.75, tokenRun) }
        return s
    }

    /// The order clauses are picked in: by score, except that a clause asking only that some
    /// byte class occur comes after every other useful one. It is the fallback where no pair or
    /// run is rare enough, and it must not displace a pair that implies it (`@·letter` over `@`).
    var rank: Double {
        let s = score
        if s >= Self.uselessScore { return 1 + s }
        return pairs == .zero && digitRun == 0 && tokenRun == 0 ? Self.uselessScore + s : s
    }

    static func power(_ b: Double, _ e: Int) -> Double {
        var r = 1.0
        for _ in 0..<e { r *= b }
        return r
    }

    /// A clause with no part never holds; it must never be used as a gate.
    var isEmpty: Bool { pairs == .zero && bytes == 0 && digitRun == 0 && tokenRun == 0 }

    /// Whether the clause holds only on a run of `Base64Decoder.minimumRun` or more digits or
    /// token bytes: ASCII ones are all base64 bytes, so `ViewSet.shortRunsOnly` refutes it.
    var isLongRunOnly: Bool {
        let floor = Base64Decoder.minimumRun
        return pairs == .zero && bytes == 0 && (digitRun > 0 || tokenRun > 0)
            && (digitRun == 0 || digitRun >= floor) && (tokenRun == 0 || tokenRun >= floor)
    }

    var description: String {
        var parts: [String] = []
        let n = ByteCategory.names
        var listed: [String] = []
        for bit in 0..<256 where pairs[bit >> 6] & (1 << UInt64(bit & 63)) != 0 { listed.append("\(n[bit >> 4])·\(n[bit & 15])") }
        if listed.count > 6 { parts.append("\(listed.count) pairs") } else { parts += listed }
        for c in 0..<16 where bytes & (1 << UInt16(c)) != 0 { parts.append("has \(n[c])") }
        if digitRun > 0 { parts.append("\(digitRun)+ digits") }
        if tokenRun > 0 { parts.append("\(tokenRun)+ token bytes") }
        return "(" + parts.joined(separator: " | ") + ")"
    }
}

