import ParapetRules

/// Literal gates worked out ahead of time, keyed by everything `Prefilter.gates(for:)` reads of
/// a rule. A rule whose key is listed skips literal extraction when an engine is built (the
/// largest part of start-up after the automaton); any other rule is extracted as before, so a
/// cache can only save time, never change a gate. The default pack ships one
/// (`DefaultPack.literalGates`), generated with `parapet-bench --write-literal-gates`.
public struct LiteralGateCache: Sendable {
    /// A 128-bit digest of a rule's gate inputs (two independent 64-bit lanes).
    struct Key: Hashable, Sendable {
        var a: UInt64
        var b: UInt64
    }

    /// A rule's gates; nil when the rule must always run.
    struct Entry: Equatable, Sendable {
        var gates: [Prefilter.Gate]?
    }

    var entries: [Key: Entry]

    /// Rules (distinct keys) the cache holds.
    public var count: Int { entries.count }

    /// Extracts the gates of every rule of `ruleSet` (what the generator writes out).
    public init(ruleSet: CompiledRuleSet) {
        let all = Prefilter.allGates(ruleSet)
        var entries: [Key: Entry] = [:]
        for (rule, gates) in zip(ruleSet.rules, all) { entries[Self.key(for: rule)] = Entry(gates: gates) }
        self.entries = entries
    }

    /// The cached gates of `rule`: `.some(nil)` when it must always run, nil when not cached.
    func gates(for rule: CompiledRule) -> [Prefilter.Gate]?? {
        entries[Self.key(for: rule)].map(\.gates)
    }

    /// The digest of what `Prefilter.gates(for:)` reads: the detector's trigger words, each
    /// pattern's source and case mode, the views (they decide `canonicalSpace`) and the declared
    /// literals. Every field is length-prefixed, so two different rules never feed the same bytes.
    static func key(for rule: CompiledRule) -> Key {
        var h = Digest()
        h.add(Self.formatTag)
        if let detector = rule.detector {
            h.add("D")
            if let triggers = detector.triggerLiterals {
                h.add(triggers.count)
                for t in triggers { h.add(t) }
            } else {
                h.add("-")
            }
        } else {
            h.add("P")
        }
        h.add(rule.patterns.count)
        for p in rule.patterns {
            h.add(p.options.caseless ? "i" : "c")
            h.add(p.source)
        }
        h.add(rule.spec.views.count)
        for v in rule.spec.views { h.add(v.rawValue) }
        h.add(rule.spec.literals.count)
        for l in rule.spec.literals { h.add(l) }
        return Key(a: h.a, b: h.b)
    }

    /// Names the key and text layout; a change to either must change it.
    static let formatTag = "parapet-literal-gates 3"

    /// Two multiply-xorshift lanes over the bytes fed in, eight at a time (start-up hashes
    /// every pattern of the pack). Not cryptographic: the rules are the operator's own, and a
    /// collision could only hand a rule another rule's gates.
    struct Digest {
        var a: UInt64 = 0xcbf2_9ce4_8422_2325
        var b: UInt64 = 0x9e37_79b9_7f4a_7c15

        mutating func mix(_ w: UInt64) {
            a = (a ^ w) &* 0x9e37_79b9_7f4a_7c15
            a ^= a >> 32
            b = (b &+ w) &* 0xff51_afd7_ed55_8ccd
            b ^= b >> 29
        }

        mutating func add(_ n: Int) { mix(UInt64(bitPattern: Int64(n))) }

        /// The length, then the bytes in little-endian words (the last one zero-padded).
        mutating func add(_ s: String) {
            var s = s
            s.withUTF8 { buf in
                mix(UInt64(buf.count))
                guard let base = buf.baseAddress else { return }
                var i = 0
                while i + 8 <= buf.count {
                    mix(UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)))
                    i += 8
                }
                var tail: UInt64 = 0
                var shift: UInt64 = 0
                while i < buf.count {
                    tail |= UInt64(buf[i]) << shift
                    shift += 8
                    i += 1
                }
                mix(tail)
            }
        }
    }
}

// MARK: - Text form

extension LiteralGateCache {
    /// The cache as text: a header line, then per rule a key line (`<32 hex digits> -` for a
    /// rule that always runs, `<32 hex digits> <gate count>` otherwise), per gate a line
    /// `g <0|1 exact case> <clause count> <pattern index, or - for the whole rule>`, and per
    /// clause a line `c <literal count> lit|lit|…`, or `r <k>` for a repeat of the rule's k-th
    /// clause so far (branch variants repeat their pattern's plain clauses).
    /// Literal bytes outside ` `…`~`, and `"`, `#`, `\`, `|`, are written `\hh`, so the text is
    /// ASCII and fits a raw Swift string literal.
    public var text: String {
        var out: [UInt8] = Array(Self.formatTag.utf8) + [0x0A]
        func hex(_ v: UInt64) -> [UInt8] {
            (0..<16).reversed().map { Self.hexDigits[Int((v >> (UInt64($0) * 4)) & 0xF)] }
        }
        // Sorted by key, so the generated file does not churn between runs.
        for key in entries.keys.sorted(by: { ($0.a, $0.b) < ($1.a, $1.b) }) {
            out += hex(key.a) + hex(key.b) + [0x20]
            guard let gates = entries[key]!.gates else {
                out += Array("-\n".utf8)
                continue
            }
            out += Array("\(gates.count)\n".utf8)
            // Branch variants repeat their pattern's plain clauses: a repeat is written as a
            // reference to the rule's earlier clause.
            var written: [[[UInt8]]] = []
            for gate in gates {
                let pattern = gate.pattern == Prefilter.wholeRule ? "-" : "\(gate.pattern)"
                out += Array("g \(gate.exactCase ? 1 : 0) \(gate.clauses.count) \(pattern)\n".utf8)
                for clause in gate.clauses {
                    if let k = written.firstIndex(of: clause) {
                        out += Array("r \(k)\n".utf8)
                        continue
                    }
                    written.append(clause)
                    out += Array("c \(clause.count) ".utf8)
                    for (k, lit) in clause.enumerated() {
                        if k > 0 { out.append(UInt8(ascii: "|")) }
                        for byte in lit {
                            if byte >= 0x20, byte < 0x7F, !Self.escaped.contains(byte) {
                                out.append(byte)
                            } else {
                                out += [UInt8(ascii: "\\"), Self.hexDigits[Int(byte >> 4)], Self.hexDigits[Int(byte & 0xF)]]
                            }
                        }
                    }
                    out.append(0x0A)
                }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    static let hexDigits = Array("0123456789abcdef".utf8)
    static let escaped: Set<UInt8> = [UInt8(ascii: "\""), UInt8(ascii: "#"), UInt8(ascii: "\\"), UInt8(ascii: "|")]

    /// Reads `text` (see `text`); nil when it is not a cache of this format, so a damaged or
    /// outdated cache is ignored as a whole and every rule is extracted.
    public init?(text: String) {
        var text = text
        guard let parsed = text.withUTF8({ bytes in
            var parser = Parser(bytes: bytes)
            return parser.cache()
        }) else { return nil }
        entries = parsed
    }

    /// A strict reader of the text form: any deviation fails the whole cache.
    struct Parser {
        let bytes: UnsafeBufferPointer<UInt8>
        var at = 0

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        mutating func cache() -> [Key: Entry]? {
            guard line() == Array(LiteralGateCache.formatTag.utf8)[...] else { return nil }
            var entries: [Key: Entry] = [:]
            while at < bytes.count {
                guard let a = hex(), let b = hex(), take(0x20) else { return nil }
                let key = Key(a: a, b: b)
                if take(UInt8(ascii: "-")) {
                    guard take(0x0A) else { return nil }
                    entries[key] = Entry(gates: nil)
                    continue
                }
                guard let n = number(), take(0x0A) else { return nil }
                var gates: [Prefilter.Gate] = []
                gates.reserveCapacity(n)
                var read: [[[UInt8]]] = []
                for _ in 0..<n {
                    guard take(UInt8(ascii: "g")), take(0x20), let exact = number(), exact <= 1, take(0x20),
                          let clauseCount = number(), take(0x20) else { return nil }
                    let pattern: Int32
                    if take(UInt8(ascii: "-")) { pattern = Prefilter.wholeRule } else {
                        guard let k = number() else { return nil }
                        pattern = Int32(k)
                    }
                    guard take(0x0A) else { return nil }
                    var clauses: [[[UInt8]]] = []
                    clauses.reserveCapacity(clauseCount)
                    for _ in 0..<clauseCount {
                        if take(UInt8(ascii: "r")) {
                            guard take(0x20), let k = number(), k < read.count, take(0x0A) else { return nil }
                            clauses.append(read[k])
                            continue
                        }
                        guard take(UInt8(ascii: "c")), take(0x20), let litCount = number(), take(0x20),
                              let clause = literals(litCount), take(0x0A) else { return nil }
                        clauses.append(clause)
                        read.append(clause)
                    }
                    gates.append(Prefilter.Gate(clauses: clauses, exactCase: exact == 1, pattern: pattern))
                }
                entries[key] = Entry(gates: gates)
            }
            return entries
        }

        mutating func line() -> ArraySlice<UInt8>? {
            let start = at
            while at < bytes.count, bytes[at] != 0x0A { at += 1 }
            guard at < bytes.count else { return nil }
            at += 1
            return Array(bytes[start..<at - 1])[...]
        }

        mutating func take(_ byte: UInt8) -> Bool {
            guard at < bytes.count, bytes[at] == byte else { return false }
            at += 1
            return true
        }

        static func digit(_ byte: UInt8) -> UInt64? {
            switch byte {
            case 0x30...0x39: return UInt64(byte - 0x30)
            case 0x61...0x66: return UInt64(byte - 0x61 + 10)
            default: return nil
            }
        }

        mutating func hex() -> UInt64? {
            guard at + 16 <= bytes.count else { return nil }
            var v: UInt64 = 0
            for _ in 0..<16 {
                guard let d = Self.digit(bytes[at]) else { return nil }
                v = v << 4 | d
                at += 1
            }
            return v
        }

        mutating func number() -> Int? {
            var v = 0, digits = 0
            while at < bytes.count, bytes[at] >= 0x30, bytes[at] <= 0x39, digits < 9 {
                v = v * 10 + Int(bytes[at] - 0x30)
                at += 1
                digits += 1
            }
            return digits > 0 ? v : nil
        }

        /// `count` literals separated by `|`, up to the end of the line.
        mutating func literals(_ count: Int) -> [[UInt8]]? {
            var out: [[UInt8]] = []
            out.reserveCapacity(count)
            for k in 0..<count {
                if k > 0 { guard take(UInt8(ascii: "|")) else { return nil } }
                let start = at
                var escapes = false
                while at < bytes.count, bytes[at] != UInt8(ascii: "|"), bytes[at] != 0x0A {
                    escapes = escapes || bytes[at] == UInt8(ascii: "\\")
                    at += 1
                }
                // Most literals hold no escape: copied in one piece.
                guard escapes else {
                    out.append(Array(UnsafeBufferPointer(rebasing: bytes[start..<at])))
                    continue
                }
                var lit: [UInt8] = []
                var i = start
                while i < at {
                    if bytes[i] == UInt8(ascii: "\\") {
                        guard i + 2 < at, let hi = Self.digit(bytes[i + 1]), let lo = Self.digit(bytes[i + 2]) else { return nil }
                        lit.append(UInt8(hi << 4 | lo))
                        i += 3
                    } else {
                        lit.append(bytes[i])
                        i += 1
                    }
                }
                out.append(lit)
            }
            return out
        }
    }
}
