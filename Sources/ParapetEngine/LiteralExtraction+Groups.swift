/// Groups of the pattern reader: captures, non-capturing groups, lookarounds and inline flags.
extension PatternReader {
    mutating func parseGroup() -> LiteralInfo? {
        pos += 1 // "("
        guard let c = peek() else { return nil }
        if c == UInt8(ascii: "*") { return backtrackingVerb() }
        guard c == UInt8(ascii: "?") else { return groupBody() }
        pos += 1
        guard let k = peek() else { return nil }
        switch k {
        case UInt8(ascii: ":"), UInt8(ascii: ">"), UInt8(ascii: "|"):
            pos += 1
            return groupBody()
        case UInt8(ascii: "#"):
            return skipPast(UInt8(ascii: ")")) ? .empty : nil
        case UInt8(ascii: "="), UInt8(ascii: "!"):
            pos += 1
            return groupBody() == nil ? nil : .empty
        case UInt8(ascii: "<"):
            if let n = peek(1), n == UInt8(ascii: "=") || n == UInt8(ascii: "!") {
                pos += 2
                return groupBody() == nil ? nil : .empty
            }
            return namedGroup(close: UInt8(ascii: ">"))
        case UInt8(ascii: "'"):
            return namedGroup(close: UInt8(ascii: "'"))
        case UInt8(ascii: "P"):
            guard peek(1) == UInt8(ascii: "<") else { return nil } // (?P=name), (?P>name)
            pos += 1
            return namedGroup(close: UInt8(ascii: ">"))
        default:
            return inlineFlags()
        }
    }

    /// Verbs that only steer backtracking, as names before an optional `:NAME` (`(*:NAME)` is a
    /// mark): a match still takes a path through the pattern with each one matching the empty
    /// text, so what the rest requires still holds. `(*ACCEPT)` ends a match early and the
    /// `(*pla:…)` forms hold patterns: those stay not understood.
    static let emptyVerbs: Set<String> = ["COMMIT", "PRUNE", "SKIP", "THEN", "FAIL", "F", "MARK", ""]

    /// `(*VERB)` or `(*VERB:NAME)` at `pos` (after the `(`): empty for `emptyVerbs`, else nil.
    mutating func backtrackingVerb() -> LiteralInfo? {
        var end = pos + 1
        while end < bytes.count, bytes[end] != UInt8(ascii: ")") { end += 1 }
        guard end < bytes.count else { return nil }
        let body = bytes[(pos + 1)..<end]
        let name = String(decoding: body.prefix { $0 != UInt8(ascii: ":") }, as: UTF8.self)
        guard Self.emptyVerbs.contains(name), name != "" || body.first == UInt8(ascii: ":") else { return nil }
        pos = end + 1
        return .empty
    }

    /// The alternation inside a group, up to and including its `)`.
    mutating func groupBody() -> LiteralInfo? {
        guard let info = parseAlternation(), peek() == UInt8(ascii: ")") else { return nil }
        pos += 1
        return info
    }

    /// `(?<name>...)` and friends: a capture group with a word-character name.
    mutating func namedGroup(close: UInt8) -> LiteralInfo? {
        pos += 1
        while let c = peek(), c != close {
            let word = (c >= 0x30 && c <= 0x39) || (c | 0x20 >= 0x61 && c | 0x20 <= 0x7A) || c == UInt8(ascii: "_")
            guard word else { return nil }
            pos += 1
        }
        guard peek() == close else { return nil }
        pos += 1
        return groupBody()
    }

    /// `(?i)`, `(?-i:...)`, `(?^)`... Only `i` matters to us; extended mode (`x`) changes the
    /// syntax itself, so it makes the reader give up.
    mutating func inlineFlags() -> LiteralInfo? {
        var newCaseless = caseless
        var negate = false
        while let c = peek() {
            pos += 1
            switch c {
            case UInt8(ascii: ")"):
                caseless = newCaseless // lasts to the end of the enclosing group
                return .empty
            case UInt8(ascii: ":"):
                let saved = caseless
                caseless = newCaseless
                let info = groupBody()
                caseless = saved
                return info
            case UInt8(ascii: "-"): negate = true
            case UInt8(ascii: "^"): newCaseless = false
            case UInt8(ascii: "i"):
                newCaseless = !negate
                if newCaseless { sawCaseless = true }
            case UInt8(ascii: "x"): return nil
            case UInt8(ascii: "m"), UInt8(ascii: "n"), UInt8(ascii: "s"), UInt8(ascii: "J"), UInt8(ascii: "U"),
                 UInt8(ascii: "a"), UInt8(ascii: "r"), UInt8(ascii: "D"), UInt8(ascii: "S"), UInt8(ascii: "W"),
                 UInt8(ascii: "P"), UInt8(ascii: "T"):
                continue
            default:
                return nil // (?R), (?1), (?&name), (?(cond)...), callouts
            }
        }
        return nil
    }
}
