/// Reads a PCRE2 pattern (UTF, UCP) and derives byte-class clauses every match must satisfy:
/// pairs of adjacent byte categories, digit runs and token runs. Over-approximates everywhere
/// (a class may match more categories than it lists, a node with unknown syntax matches
/// anything) and returns nil for syntax it does not model (conditionals, recursion, verbs,
/// extended mode, `\Q…\E`), so a derived clause is always implied by a match.
enum ByteClassAnalysis {
    /// The clauses (all required), best first, at most three; nil when the pattern is not read.
    static func clauses(of source: String, caseless: Bool) -> [ByteClause]? {
        guard let derived = allClauses(of: source, caseless: caseless) else { return nil }
        // Scores computed once per clause, not per comparison (this runs for every pattern at build).
        let ranked = derived.filter { $0.score < ByteClause.uselessScore }.map { ($0.rank, $0) }.sorted { $0.0 < $1.0 }
        var out: [ByteClause] = []
        for (_, c) in ranked where !out.contains(c) && out.count < 3 { out.append(c) }
        return out
    }

    /// Every non-empty clause derived for the pattern, however weak (for tests).
    static func allClauses(of source: String, caseless: Bool) -> [ByteClause]? {
        var p = Parser(bytes: Array(source.utf8), caseless: caseless)
        guard let node = p.alternation(), p.failed == false, p.i == p.bytes.count else { return nil }
        return node.clauses.filter { !$0.isEmpty }
    }

    /// What the analysis knows about one node of the pattern.
    struct Node {
        /// Fewest characters a match of the node spans; `zeroWidth` for assertions.
        var minLen = 0
        var zeroWidth = false
        /// Categories of a match's first byte, last byte, and of any of its bytes.
        var first: UInt16 = 0
        var last: UInt16 = 0
        var all: UInt16 = 0
        /// Required clauses (each must hold).
        var clauses: [ByteClause] = []

        static let assertion = Node(zeroWidth: true)
        /// Matches anything, possibly nothing.
        static let opaque = Node(minLen: 0, first: ByteCategory.all, last: ByteCategory.all, all: ByteCategory.all)

        static func atom(_ cats: UInt16) -> Node {
            Node(minLen: 1, first: cats, last: cats, all: cats)
        }
    }

    struct Parser {
        let bytes: [UInt8]
        var caseless: Bool
        var i = 0
        var failed = false

        init(bytes: [UInt8], caseless: Bool) { self.bytes = bytes; self.caseless = caseless }

        var atEnd: Bool { i >= bytes.count }
        func peek(_ k: Int = 0) -> UInt8? { i + k < bytes.count ? bytes[i + k] : nil }

        mutating func alternation() -> Node? {
            let saved = caseless
            defer { caseless = saved }
            var branches: [Node] = []
            while true {
                guard let b = sequence() else { return nil }
                branches.append(b)
                if peek() == UInt8(ascii: "|") { i += 1; continue }
                break
            }
            if branches.count == 1 { return branches[0] }
            var n = Node()
            n.zeroWidth = branches.allSatisfy(\.zeroWidth)
            let live = branches.filter { !$0.zeroWidth }
            n.minLen = live.count < branches.count ? 0 : live.map(\.minLen).min() ?? 0
            for b in live { n.first |= b.first; n.last |= b.last; n.all |= b.all }
            // A branch without a clause can match where no other clause holds.
            let best = branches.map { $0.clauses.filter { !$0.isEmpty }.map { ($0.rank, $0) }.min { $0.0 < $1.0 }?.1 }
            if best.allSatisfy({ $0 != nil }) {
                n.clauses = [best.reduce(ByteClause()) { $0.or($1!) }]
            }
            return n
        }

        mutating func sequence() -> Node? {
            var items: [Node] = []
            while let c = peek(), c != UInt8(ascii: "|"), c != UInt8(ascii: ")") {
                guard var item = atom() else { return nil }
                if failed { return nil }
                item = quantified(item)
                if failed { return nil }
                if !item.zeroWidth { items.append(item) }
            }
            return Self.concat(items)
        }

        /// A concatenation: every item's clauses, the pairs across item boundaries, and the runs.
        static func concat(_ items: [Node]) -> Node {
            if items.isEmpty { return Node(minLen: 0) }
            var n = Node()
            n.minLen = items.reduce(0) { $0 + $1.minLen }
            for it in items {
                n.first |= it.first
                if it.minLen > 0 { break }
            }
            for it in items.reversed() {
                n.last |= it.last
                if it.minLen > 0 { break }
            }
            for it in items { n.all |= it.all; n.clauses += it.clauses }
            // An item that cannot be empty puts one of its bytes in every match: a digit, `@`,
            // `/` or `:` somewhere in the text is a gate of its own when nothing rarer is
            // required (a phone number after a keyword the literal pass meets in "tell").
            for it in items where it.minLen > 0 && it.all != 0 {
                var c = ByteClause()
                c.bytes = it.all
                if c.score < ByteClause.uselessScore, !n.clauses.contains(c) { n.clauses.append(c) }
            }
            for (k, it) in items.enumerated() where it.minLen > 0 {
                // The byte after this item's last byte starts one of the next items, up to the
                // first one that cannot be empty.
                var next: UInt16 = 0
                var bounded = false
                for j in items.indices.dropFirst(k + 1) {
                    next |= items[j].first
                    if items[j].minLen > 0 { bounded = true; break }
                }
                if bounded, it.last != 0, next != 0 { n.clauses.append(.pair(it.last, next)) }
            }
            for (mask, isDigit) in [(ByteCategory.digitMask, true), (ByteCategory.tokenMask, false)] {
                var run = 0
                func flush() {
                    if run >= 2 {
                        var c = ByteClause()
                        if isDigit { c.digitRun = run } else { c.tokenRun = run }
                        n.clauses.append(c)
                    }
                    run = 0
                }
                for it in items {
                    if it.all & ~mask == 0 { run += it.minLen } else { flush() }
                }
                flush()
            }
            n.clauses = Self.best(n.clauses)
            return n
        }

        /// The few most selective clauses: a node keeps no more than its parent could use.
        static func best(_ clauses: [ByteClause]) -> [ByteClause] {
            guard clauses.count > 4 else { return clauses }
            return clauses.filter { !$0.isEmpty }.map { ($0.rank, $0) }.sorted { $0.0 < $1.0 }.prefix(4).map(\.1)
        }

        /// Applies a following quantifier, if any.
        mutating func quantified(_ node: Node) -> Node {
            guard let c = peek() else { return node }
            var lo = 1, hi: Int? = 1
            switch c {
            case UInt8(ascii: "*"): lo = 0; hi = nil; i += 1
            case UInt8(ascii: "+"): lo = 1; hi = nil; i += 1
            case UInt8(ascii: "?"): lo = 0; hi = 1; i += 1
            case UInt8(ascii: "{"):
                guard let (a, b, len) = braces() else { return node }
                lo = a; hi = b; i += len
            default: return node
            }
            if let q = peek(), q == UInt8(ascii: "?") || q == UInt8(ascii: "+") { i += 1 }
            if node.zeroWidth { return node }
            _ = hi
            if lo == 0 { return Node(minLen: 0, first: node.first, last: node.last, all: node.all) }
            var n = node
            n.minLen = node.minLen * lo
            if lo >= 2 {
                if node.minLen > 0, node.last != 0, node.first != 0 { n.clauses.append(.pair(node.last, node.first)) }
                if n.minLen >= 2, node.all & ~ByteCategory.digitMask == 0 { var d = ByteClause(); d.digitRun = n.minLen; n.clauses.append(d) }
                if n.minLen >= 2, node.all & ~ByteCategory.tokenMask == 0 { var t = ByteClause(); t.tokenRun = n.minLen; n.clauses.append(t) }
            }
            return n
        }

        /// `{n}`, `{n,}`, `{n,m}`, `{,m}` at `i`: (min, max, length), or nil when `{` is literal.
        /// Braces holding spaces fail the analysis (PCRE2 versions differ on whether that is a
        /// quantifier).
        mutating func braces() -> (Int, Int?, Int)? {
            var j = i + 1
            while j < bytes.count, j < i + 16, bytes[j] != UInt8(ascii: "}") {
                if bytes[j] == 0x20 { failed = true; return nil }
                j += 1
            }
            var k = i + 1
            func number() -> Int? {
                var v: Int?
                while k < bytes.count, bytes[k] >= 0x30, bytes[k] <= 0x39 {
                    v = (v ?? 0) * 10 + Int(bytes[k] - 0x30)
                    if v! > 100_000 { return nil }
                    k += 1
                }
                return v
            }
            let a = number()
            if k < bytes.count, bytes[k] == UInt8(ascii: "}") {
                guard let a else { return nil }
                return (a, a, k + 1 - i)
            }
            guard k < bytes.count, bytes[k] == UInt8(ascii: ",") else { return nil }
            k += 1
            let b = number()
            guard k < bytes.count, bytes[k] == UInt8(ascii: "}"), a != nil || b != nil else { return nil }
            return (a ?? 0, b, k + 1 - i)
        }

        mutating func atom() -> Node? {
            guard let c = peek() else { return nil }
            switch c {
            case UInt8(ascii: "("): return group()
            case UInt8(ascii: "["): i += 1; return cls().map(Node.atom)
            case UInt8(ascii: "^"), UInt8(ascii: "$"): i += 1; return .assertion
            case UInt8(ascii: "."): i += 1; return .atom(ByteCategory.all)
            case UInt8(ascii: "\\"): return escape()
            case UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "?"): failed = true; return nil
            default:
                if c >= 0x80 { return nonASCIILiteral() }
                i += 1
                return .atom(categories(ofASCII: [c]))
            }
        }

        /// A literal non-ASCII character: its bytes are all non-ASCII categories.
        mutating func nonASCIILiteral() -> Node {
            i += 1
            while let b = peek(), b & 0xC0 == 0x80 { i += 1 }
            return .atom(wide)
        }

        /// Categories of some non-ASCII character; under caseless matching ſ and K also match
        /// ASCII s and k.
        var wide: UInt16 { ByteCategory.nonASCIIMask | (caseless ? 1 << UInt16(ByteCategory.letter) : 0) }

        /// The categories of a set of ASCII bytes, folded for caseless matching.
        func categories(ofASCII set: [UInt8]) -> UInt16 {
            var m: UInt16 = 0
            for b in set {
                m |= 1 << UInt16(ByteCategory.of(b))
                if caseless, Self.hasPartner(b) { m |= 1 << UInt16(ByteCategory.partner) }
            }
            return m
        }

        /// Letters whose caseless class also holds a non-ASCII character (ſ, K, İ/ı defensively).
        static func hasPartner(_ b: UInt8) -> Bool {
            switch b | 0x20 {
            case UInt8(ascii: "s"), UInt8(ascii: "k"), UInt8(ascii: "i"): return b >= 0x41
            default: return false
            }
        }

        mutating func group() -> Node? {
            i += 1  // (
            var lookaround = false
            let saved = caseless
            if peek() == UInt8(ascii: "*") { failed = true; return nil }
            if peek() == UInt8(ascii: "?") {
                i += 1
                guard let c = peek() else { failed = true; return nil }
                switch c {
                case UInt8(ascii: ":"), UInt8(ascii: ">"), UInt8(ascii: "|"): i += 1
                case UInt8(ascii: "="), UInt8(ascii: "!"): i += 1; lookaround = true
                case UInt8(ascii: "<"):
                    if let d = peek(1), d == UInt8(ascii: "=") || d == UInt8(ascii: "!") { i += 2; lookaround = true } else { skipName(">") }
                case UInt8(ascii: "P"):
                    guard peek(1) == UInt8(ascii: "<") else { failed = true; return nil }
                    i += 1; skipName(">")
                case UInt8(ascii: "'"): skipName("'")
                case UInt8(ascii: "#"):
                    while let b = peek(), b != UInt8(ascii: ")") { i += 1 }
                    i += 1
                    return .assertion
                default:
                    // Option letters: (?i) (?-i) (?i:...) and the like.
                    var on = true
                    var newCaseless = caseless
                    while let b = peek(), b != UInt8(ascii: ")"), b != UInt8(ascii: ":") {
                        switch b {
                        case UInt8(ascii: "-"): on = false
                        case UInt8(ascii: "i"): newCaseless = on
                        case UInt8(ascii: "m"), UInt8(ascii: "s"), UInt8(ascii: "U"), UInt8(ascii: "J"), UInt8(ascii: "n"): break
                        default: failed = true; return nil  // x, extended, unknown
                        }
                        i += 1
                    }
                    guard let end = peek() else { failed = true; return nil }
                    i += 1
                    if end == UInt8(ascii: ")") {
                        // Applies to the rest of the enclosing group (restored by `alternation`).
                        caseless = newCaseless
                        return .assertion
                    }
                    caseless = newCaseless
                }
            }
            if failed { return nil }
            let body = alternation()
            caseless = saved
            guard let body, peek() == UInt8(ascii: ")") else { failed = true; return nil }
            i += 1
            return lookaround ? .assertion : body
        }

        mutating func skipName(_ close: String) {
            i += 1
            let end = UInt8(ascii: Unicode.Scalar(close)!)
            while let b = peek(), b != end { i += 1 }
            if atEnd { failed = true } else { i += 1 }
        }

        /// An escape outside a class.
        mutating func escape() -> Node? {
            i += 1
            guard let c = peek() else { failed = true; return nil }
            switch c {
            case UInt8(ascii: "b"), UInt8(ascii: "B"), UInt8(ascii: "A"), UInt8(ascii: "z"), UInt8(ascii: "Z"), UInt8(ascii: "G"), UInt8(ascii: "K"):
                i += 1; return .assertion
            case UInt8(ascii: "Q"), UInt8(ascii: "E"), UInt8(ascii: "c"), UInt8(ascii: "N"), UInt8(ascii: "o"):
                failed = true; return nil
            case UInt8(ascii: "1")...UInt8(ascii: "9"), UInt8(ascii: "g"), UInt8(ascii: "k"):
                // A back-reference: skip its name or number; it may match anything, or nothing.
                i += 1
                if let b = peek(), b == UInt8(ascii: "{") || b == UInt8(ascii: "<") || b == UInt8(ascii: "'") {
                    let close: UInt8 = b == UInt8(ascii: "{") ? UInt8(ascii: "}") : b == UInt8(ascii: "<") ? UInt8(ascii: ">") : b
                    while let d = peek(), d != close { i += 1 }
                    i += 1
                } else {
                    while let d = peek(), d >= 0x30, d <= 0x39 { i += 1 }
                }
                return .opaque
            case UInt8(ascii: "R"), UInt8(ascii: "X"):
                i += 1
                return Node(minLen: 1, first: ByteCategory.all, last: ByteCategory.all, all: ByteCategory.all)
            default:
                guard let cats = escapeClass() else { return nil }
                return .atom(cats)
            }
        }

        /// A one-character escape at `i` (after the backslash), as categories; also used in classes.
        mutating func escapeClass() -> UInt16? {
            guard let c = peek() else { failed = true; return nil }
            i += 1
            switch c {
            case UInt8(ascii: "d"): return ByteCategory.digitMask | wide
            case UInt8(ascii: "w"): return categories(ofASCII: Self.wordBytes) | wide
            case UInt8(ascii: "s"): return 1 << UInt16(ByteCategory.space) | wide
            case UInt8(ascii: "h"), UInt8(ascii: "v"): return 1 << UInt16(ByteCategory.space) | wide
            case UInt8(ascii: "D"), UInt8(ascii: "W"), UInt8(ascii: "S"), UInt8(ascii: "H"), UInt8(ascii: "V"), UInt8(ascii: "p"), UInt8(ascii: "P"):
                if c == UInt8(ascii: "p") || c == UInt8(ascii: "P") {
                    if peek() == UInt8(ascii: "{") { while let b = peek(), b != UInt8(ascii: "}") { i += 1 }; i += 1 } else { i += 1 }
                }
                return ByteCategory.all
            case UInt8(ascii: "n"), UInt8(ascii: "t"), UInt8(ascii: "r"), UInt8(ascii: "f"):
                return 1 << UInt16(ByteCategory.space)
            case UInt8(ascii: "e"), UInt8(ascii: "a"):
                return 1 << UInt16(ByteCategory.otherASCII)
            case UInt8(ascii: "0"):
                while let b = peek(), b >= 0x30, b <= 0x37 { i += 1 }
                return ByteCategory.all
            case UInt8(ascii: "x"):
                var value = 0
                if peek() == UInt8(ascii: "{") {
                    i += 1
                    while let b = peek(), b != UInt8(ascii: "}") { value = value * 16 + Self.hex(b); i += 1; if value > 0x10FFFF { failed = true; return nil } }
                    i += 1
                } else {
                    for _ in 0..<2 { if let b = peek(), Self.hex(b) >= 0, Self.isHex(b) { value = value * 16 + Self.hex(b); i += 1 } }
                }
                return value < 0x80 ? categories(ofASCII: [UInt8(value)]) : wide
            default:
                // An escaped punctuation character stands for itself; letters we do not model
                // match anything.
                if c < 0x80, !(c >= 0x30 && c <= 0x39), !((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A) { return categories(ofASCII: [c]) }
                return ByteCategory.all
            }
        }

        static let wordBytes: [UInt8] = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_".utf8)
        static func isHex(_ b: UInt8) -> Bool { (b >= 0x30 && b <= 0x39) || ((b | 0x20) >= 0x61 && (b | 0x20) <= 0x66) }
        static func hex(_ b: UInt8) -> Int {
            if b >= 0x30 && b <= 0x39 { return Int(b - 0x30) }
            if (b | 0x20) >= 0x61 && (b | 0x20) <= 0x66 { return Int((b | 0x20) - 0x61 + 10) }
            return 0
        }

        /// A bracketed class after `[`: its categories (a negated class may match any non-listed
        /// category and any non-ASCII byte).
        mutating func cls() -> UInt16? {
            var negated = false
            if peek() == UInt8(ascii: "^") { negated = true; i += 1 }
            var ascii = [Bool](repeating: false, count: 128)
            var extra: UInt16 = 0
            var firstItem = true
            var prev: UInt8?
            while true {
                guard let c = peek() else { failed = true; return nil }
                if c == UInt8(ascii: "]") && !firstItem { i += 1; break }
                firstItem = false
                if c == UInt8(ascii: "[") && peek(1) == UInt8(ascii: ":") {
                    // POSIX class [:name:]: anything (under UCP they are Unicode classes).
                    while let b = peek(), !(b == UInt8(ascii: ":") && peek(1) == UInt8(ascii: "]")) { i += 1 }
                    i += 2
                    extra = ByteCategory.all; prev = nil
                    continue
                }
                var lo: UInt8?
                if c == UInt8(ascii: "\\") {
                    i += 1
                    guard let e = peek() else { failed = true; return nil }
                    if e == UInt8(ascii: "b") { i += 1; lo = 0x08 }
                    else if e == UInt8(ascii: "Q") || e == UInt8(ascii: "E") || e == UInt8(ascii: "N") { failed = true; return nil }
                    else if e < 0x80, !(e >= 0x30 && e <= 0x39), !((e | 0x20) >= 0x61 && (e | 0x20) <= 0x7A) { i += 1; lo = e }
                    else if e == UInt8(ascii: "x") || e == UInt8(ascii: "n") || e == UInt8(ascii: "t") || e == UInt8(ascii: "r") || e == UInt8(ascii: "f") {
                        let save = i
                        guard let cats = escapeClass() else { return nil }
                        // A plain character: recover it for ranges when it is one ASCII byte.
                        if let v = Self.singleByte(bytes[save..<i]) { lo = v } else { extra |= cats; prev = nil; continue }
                    } else {
                        guard let cats = escapeClass() else { return nil }
                        extra |= cats; prev = nil
                        continue
                    }
                } else if c >= 0x80 {
                    i += 1
                    while let b = peek(), b & 0xC0 == 0x80 { i += 1 }
                    extra |= wide; prev = nil
                    continue
                } else {
                    i += 1; lo = c
                }
                guard let lo else { continue }
                // A range lo-hi.
                if peek() == UInt8(ascii: "-"), let h = peek(1), h != UInt8(ascii: "]") {
                    i += 1
                    var hi: UInt8
                    if h == UInt8(ascii: "\\") {
                        i += 1
                        let save = i
                        guard let cats = escapeClass() else { return nil }
                        guard let v = Self.singleByte(bytes[save..<i]) ?? Self.escapedPunct(bytes[save..<i]) else {
                            // An escape that is not one character: treat the range as anything.
                            extra |= ByteCategory.all | cats; continue
                        }
                        hi = v
                    } else if h >= 0x80 {
                        // Range into non-ASCII: everything from lo up.
                        i += 1
                        while let b = peek(), b & 0xC0 == 0x80 { i += 1 }
                        for v in Int(lo)..<128 { ascii[v] = true }
                        extra |= wide
                        continue
                    } else {
                        i += 1; hi = h
                    }
                    guard hi >= lo else { failed = true; return nil }
                    for v in Int(lo)...Int(min(hi, 127)) { ascii[v] = true }
                    prev = nil
                } else {
                    if lo < 128 { ascii[Int(lo)] = true }
                    prev = lo
                }
            }
            _ = prev
            if caseless {
                for v in 0..<128 where ascii[v] {
                    let b = UInt8(v)
                    if (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A { ascii[Int(b ^ 0x20)] = true }
                }
            }
            var set: [UInt8] = []
            if negated {
                // Any category not fully listed may still match, and every non-ASCII byte.
                for v in 0..<128 where !ascii[v] { set.append(UInt8(v)) }
                return categories(ofASCII: set) | wide
            }
            for v in 0..<128 where ascii[v] { set.append(UInt8(v)) }
            return categories(ofASCII: set) | extra
        }

        /// The byte of a `\xHH` / `\n`-style escape's text when it stands for one ASCII byte.
        static func singleByte(_ s: ArraySlice<UInt8>) -> UInt8? {
            let t = Array(s)
            guard let f = t.first else { return nil }
            switch f {
            case UInt8(ascii: "n"): return 0x0A
            case UInt8(ascii: "t"): return 0x09
            case UInt8(ascii: "r"): return 0x0D
            case UInt8(ascii: "f"): return 0x0C
            case UInt8(ascii: "x"):
                var v = 0
                for b in t.dropFirst() where isHex(b) { v = v * 16 + hex(b) }
                return v < 0x80 ? UInt8(v) : nil
            default: return nil
            }
        }

        static func escapedPunct(_ s: ArraySlice<UInt8>) -> UInt8? {
            guard s.count == 1, let f = s.first, f < 0x80, !((f | 0x20) >= 0x61 && (f | 0x20) <= 0x7A), !(f >= 0x30 && f <= 0x39) else { return nil }
            return f
        }
    }
}
