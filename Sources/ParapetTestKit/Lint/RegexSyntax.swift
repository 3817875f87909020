/// A forgiving PCRE2 reader for lint: it never fails (PCRE2 already validated the pattern);
/// constructs it does not model become "any character" so analyses stay conservative.
struct RegexSyntax {
    private let s: [Unicode.Scalar]
    private var i = 0
    private var caseless: Bool

    static func parse(_ pattern: String, caseless: Bool) -> RegexNode {
        var p = RegexSyntax(s: Array(pattern.unicodeScalars), caseless: caseless)
        return p.alternation()
    }

    private init(s: [Unicode.Scalar], caseless: Bool) {
        self.s = s
        self.caseless = caseless
    }

    private var atEnd: Bool { i >= s.count }
    private func peek(_ k: Int = 0) -> Unicode.Scalar? { i + k < s.count ? s[i + k] : nil }

    private mutating func alternation() -> RegexNode {
        var branches = [sequence()]
        while peek() == "|" {
            i += 1
            branches.append(sequence())
        }
        return branches.count == 1 ? branches[0] : .alternation(branches)
    }

    private mutating func sequence() -> RegexNode {
        var items: [RegexNode] = []
        while let c = peek(), c != "|", c != ")" {
            var atom = self.atom()
            while let q = quantifier() {
                atom = .repetition(atom, min: q.min, max: q.max, possessive: q.possessive, offset: q.offset)
            }
            items.append(atom)
        }
        return items.count == 1 ? items[0] : .sequence(items)
    }

    private mutating func quantifier() -> (min: Int, max: Int?, possessive: Bool, offset: Int)? {
        guard let c = peek() else { return nil }
        let offset = i
        var bounds: (Int, Int?)
        switch c {
        case "*": bounds = (0, nil); i += 1
        case "+": bounds = (1, nil); i += 1
        case "?": bounds = (0, 1); i += 1
        case "{":
            guard let b = braces() else { return nil }
            bounds = b
        default: return nil
        }
        var possessive = false
        if peek() == "+" { possessive = true; i += 1 } else if peek() == "?" { i += 1 }
        return (bounds.0, bounds.1, possessive, offset)
    }

    /// `{n}`, `{n,}`, `{n,m}` (and `{,m}`); anything else is a literal brace.
    private mutating func braces() -> (Int, Int?)? {
        var j = i + 1
        func number() -> Int? {
            var v: Int?
            while j < s.count, let d = Int(String(s[j])), s[j].isASCII { v = (v ?? 0) * 10 + d; j += 1 }
            return v
        }
        let lo = number()
        var hi: Int?? = .some(lo)
        if j < s.count, s[j] == "," { j += 1; hi = .some(number()) }
        guard j < s.count, s[j] == "}", lo != nil || hi != nil else { return nil }
        i = j + 1
        return (lo ?? 0, hi ?? nil)
    }

    private mutating func char(_ set: CharSet, literal: Unicode.Scalar? = nil) -> RegexNode {
        .char(caseless ? set.caseFolded : set, literal: literal)
    }

    private mutating func atom() -> RegexNode {
        let c = s[i]
        i += 1
        switch c {
        case "(": return group()
        case "[": return char(classBody())
        case ".": return .char(.dot, literal: nil)
        case "^", "$": return .assertion
        case "\\": return escape()
        default: return char(CharSet(c), literal: c)
        }
    }

    private mutating func group() -> RegexNode {
        var kind = "capture"
        if peek() == "?" {
            i += 1
            let c = peek()
            switch c {
            case ":", "|": i += 1; kind = "plain"
            case ">": i += 1; kind = "atomic"
            case "=", "!": i += 1; kind = "look"
            case "#":
                while let d = peek(), d != ")" { i += 1 }
                i += 1
                return .empty
            case "<" where peek(1) == "=" || peek(1) == "!": i += 2; kind = "look"
            case "<", "P", "'":
                while let d = peek(), d != ">", d != "'" { i += 1 }
                i += 1
            default:
                // Inline options: (?i) (?-i) (?i:...)
                var on = true
                while let d = peek(), d != ")", d != ":" {
                    if d == "-" { on = false } else if d == "i" { caseless = on }
                    i += 1
                }
                if peek() == ")" { i += 1; return .empty }
                i += 1
                kind = "plain"
            }
        }
        let body = alternation()
        if peek() == ")" { i += 1 }
        switch kind {
        case "look": return .assertion
        case "atomic": return .atomic(body)
        default: return body
        }
    }

    private mutating func escape() -> RegexNode {
        guard let c = peek() else { return char(CharSet(UInt8(ascii: "\\"))) }
        i += 1
        switch c {
        case "b", "B", "A", "z", "Z", "G", "K": return .assertion
        case "Q":
            var items: [RegexNode] = []
            while let d = peek(), !(d == "\\" && peek(1) == "E") { items.append(char(CharSet(d), literal: d)); i += 1 }
            if !atEnd { i += 2 }
            return .sequence(items)
        case "E": return .empty
        case "k", "g":
            while let d = peek(), d == "{" || d == "<" || d == "'" || d.properties.isAlphabetic || d.properties.numericType != nil || d == "}" || d == ">" { i += 1 }
            return .backreference
        default:
            if let d = c.properties.numericType, d == .decimal, c != "0" { return .backreference }
            if let set = classEscape(c) { return .char(set, literal: nil) }
            let lit = literalEscape(c)
            return char(CharSet(lit), literal: lit)
        }
    }

    /// `\d \w \s` and friends, `\p{..}`; nil for escapes that stand for one character.
    private mutating func classEscape(_ c: Unicode.Scalar) -> CharSet? {
        switch c {
        case "d": return CharSet.digit.union(CharSet(buckets: CharSet.wordBit))
        case "D": return CharSet.digit.inverted
        case "w": return .word
        case "W": return CharSet.word.inverted
        case "s", "h", "v", "R": return .space
        case "S", "H", "V", "N", "X", "C": return CharSet.space.inverted
        case "p", "P":
            if peek() == "{" { while let d = peek(), d != "}" { i += 1 }; i += 1 } else { i += 1 }
            return c == "P" ? .all : CharSet.word
        default: return nil
        }
    }

    /// The character an escape like `\n`, `\x41`, `\x{263a}` or `\.` stands for.
    private mutating func literalEscape(_ c: Unicode.Scalar) -> Unicode.Scalar {
        switch c {
        case "n": return "\n"
        case "r": return "\r"
        case "t": return "\t"
        case "f": return "\u{0C}"
        case "e": return "\u{1B}"
        case "0": return "\0"
        case "x":
            var hex = ""
            if peek() == "{" {
                i += 1
                while let d = peek(), d != "}" { hex.unicodeScalars.append(d); i += 1 }
                i += 1
            } else {
                while hex.count < 2, let d = peek(), d.properties.isASCIIHexDigit { hex.unicodeScalars.append(d); i += 1 }
            }
            return UInt32(hex, radix: 16).flatMap(Unicode.Scalar.init) ?? "x"
        default: return c
        }
    }

    /// The inside of `[...]` (after the `[`), consuming the closing `]`.
    private mutating func classBody() -> CharSet {
        var negate = false
        if peek() == "^" { negate = true; i += 1 }
        var set = CharSet.empty
        var first = true
        while let c = peek(), c != "]" || first {
            first = false
            i += 1
            var lo: Unicode.Scalar = c
            if c == "[", peek() == ":" {
                while let d = peek(), d != "]" { i += 1 }
                i += 1
                set = set.union(CharSet.word)  // POSIX class: approximate as word characters
                continue
            }
            if c == "\\", let e = peek() {
                i += 1
                if let cls = classEscape(e) { set = set.union(cls); continue }
                lo = literalEscape(e)
            }
            if peek() == "-", let hiC = peek(1), hiC != "]" {
                i += 1
                var hi = s[i]
                i += 1
                if hi == "\\", let e = peek() { i += 1; hi = literalEscape(e) }
                if lo.value < 128 { set = set.union(CharSet(range: UInt8(lo.value)...UInt8(min(127, max(lo.value, hi.value))))) }
                if hi.value >= 128 { set.buckets = CharSet.allBuckets }
            } else {
                set = set.union(CharSet(lo))
            }
        }
        if peek() == "]" { i += 1 }
        return negate ? set.inverted : set
    }
}
