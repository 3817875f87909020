/// Regroups long alternations of an ASCII twin by their first character, so PCRE2 tests that
/// character once per group instead of once per alternative.
///
/// Rule packs hold alternations of a hundred words and more ("…harmful goals…", "…privileged
/// verbs…"), tried at every word start of a prompt. PCRE2 tries the alternatives in order, each
/// failing on its first byte; grouped, `(?:bomb|botnet|\bbrib…|…)` becomes `b(?:omb|otnet)|…`
/// (or `(?=b)(?:bomb|\bbrib…)` when the members begin differently) and a position that starts
/// with no group's character fails after one test per group.
///
/// Why matches stay the same: two alternatives whose first characters differ (case folded under
/// `caseless`) never both match at one position, so moving them past each other changes no
/// outcome, and within a group the original order is kept. An alternative whose first character
/// is not known (a class, a group, an escape, a quantified character) is never moved past: it
/// closes the run of alternatives being grouped. Alternations holding a capturing group are left
/// alone (their numbers would change), and so are lookbehinds (whose branches PCRE2 measures).
/// A pattern with a construct this reader does not model (inline options, backtracking verbs,
/// conditionals, recursion, back-references) is returned unchanged.
///
/// A regrouped alternation that only ever starts after a consumed character (a goal list after
/// a verb and a lazy gap) and whose members all consume and begin with known letters or digits
/// is also guarded: `(?=[abc…])(?:…)`. Such lists are tried at every word boundary of the gap,
/// word ends included, where no member can start; the guard rules those out with one class
/// test. The first characters are read through `\b`, look-aheads and optional parts
/// (`(?:crystal\s+)?meth` begins with c or m); a member that may match nothing, or start with
/// a class, an escape or another character, leaves the list unguarded.
enum AlternationDispatch {
    /// Alternations with fewer alternatives are left as they are: grouping only pays off on long ones.
    static let minimumAlternatives = 6

    /// The regrouped source (`source` itself when nothing could or needed to be regrouped, or
    /// when the pattern holds a construct the reader does not model).
    static func rewrite(_ source: String, caseless: Bool) -> String {
        let s = Array(source.utf8)
        var reader = Reader(s: s, caseless: caseless)
        guard reader.body() != nil, reader.i == s.count, reader.regrouped else { return source }
        return String(decoding: reader.out, as: UTF8.self)
    }

    /// What a parsed stretch of pattern holds (its bytes are in `Reader.out`).
    private struct Piece {
        var captures = false
        /// The ASCII letters and digits a match can start with; nil when it may start with
        /// anything else (or match the empty string). See `Starts`.
        var starts: Starts.Set? = nil
        /// Whether every match consumes at least one character.
        var consumes = false
    }

    /// One alternative of a body being read: its bytes are `Reader.out[start..<end]`.
    private struct Alternative {
        var start: Int
        var end: Int
        var piece: Piece
    }

    /// How a sequence begins and whether it surely consumes, read element by element: the
    /// first consuming element gives the start set, joined by the next one's while a quantifier
    /// makes it optional; an element counts as consumed once something other than a quantifier
    /// follows it.
    private struct Starts {
        /// ASCII letters and digits as bits (case folded when caseless).
        struct Set: Equatable {
            var low: UInt64 = 0
            var high: UInt64 = 0
            mutating func formUnion(_ o: Set) { low |= o.low; high |= o.high }
            func contains(_ b: UInt8) -> Bool { b < 64 ? low >> UInt64(b) & 1 != 0 : high >> UInt64(b - 64) & 1 != 0 }
            static func single(_ b: UInt8) -> Set {
                var s = Set()
                if b < 64 { s.low = 1 << UInt64(b) } else { s.high = 1 << UInt64(b - 64) }
                return s
            }
            var bytes: [UInt8] { (0..<128).map { UInt8($0) }.filter(contains) }
        }
        var seenFirst = false
        var first: Set? = nil
        var firstEnd = -1
        /// The elements read so far may all match nothing (a first element made optional): the
        /// next element's set joins `first`.
        var extending = false
        /// A consuming element before the latest certainly matched.
        var consumed = false
        /// The latest consuming element's end and whether it consumes when it matches; -1 when
        /// there is none still open to a quantifier.
        var openEnd = -1
        var openConsumes = false

        /// Whether the sequence read so far certainly consumes a character.
        var certain: Bool { consumed || (openEnd >= 0 && openConsumes) }

        mutating func element(_ set: Set?, consumes: Bool, end: Int) {
            if openEnd >= 0 && openConsumes { consumed = true }
            if !seenFirst {
                seenFirst = true
                first = consumes ? set : nil
                firstEnd = end
            } else if extending {
                // `(?:crystal\s+)?meth`: a match starts with the optional part or with this one.
                if var f = first, let set, consumes { f.formUnion(set); first = f } else { first = nil }
                firstEnd = end
                extending = false
            }
            openEnd = end
            openConsumes = consumes
        }

        /// A quantifier that allows zero (`?`, `*`, `{0,…}`) at `position`: right after an element,
        /// that element is optional.
        mutating func quantifier(at position: Int) {
            guard position == openEnd else { return }
            if openEnd == firstEnd { extending = true }
            openEnd = -1
        }

        /// An assertion (zero-width): the element before it is no longer open to a quantifier.
        mutating func assertion() {
            if openEnd >= 0 && openConsumes { consumed = true }
            openEnd = -1
        }

        func finish(_ piece: inout Piece) {
            piece.consumes = certain
            piece.starts = seenFirst && certain && !extending ? first : nil
        }
    }

    /// Reads the pattern once, writing it (regrouped) to `out` as it goes: a body's alternatives
    /// are ranges of `out`, so a nested group's bytes are never copied up through its parents,
    /// and only an alternation that is regrouped is written a second time.
    private struct Reader {
        let s: [UInt8]
        let caseless: Bool
        var i = 0
        /// How many lookbehinds enclose the current position: nothing inside one is regrouped.
        var lookbehinds = 0
        /// The pattern read so far, regrouped.
        var out: [UInt8] = []
        /// The alternatives of the bodies being read, the innermost body's last.
        var alternatives: [Alternative] = []
        /// Whether some alternation was regrouped (otherwise `out` is the source as written).
        var regrouped = false

        init(s: [UInt8], caseless: Bool) {
            self.s = s
            self.caseless = caseless
            out.reserveCapacity(s.count + s.count / 4)
        }

        /// Reads alternatives up to the `)` closing the current group (not consumed) or the end,
        /// and writes them joined, regrouped when eligible. Nil on a malformed pattern.
        /// `after`: a character is certainly consumed before this group in every match.
        mutating func body(after: Bool = false) -> Piece? {
            let bodyStart = out.count
            let base = alternatives.count
            defer { alternatives.removeSubrange(base...) }
            var current = Piece()
            var currentStart = out.count
            var starts = Starts()
            // Positions given to `starts` are offsets in `out`; it only compares them with each
            // other within one alternative.
            while i < s.count {
                let c = s[i]
                if c == UInt8(ascii: ")") { break }
                if c == UInt8(ascii: "|") {
                    starts.finish(&current)
                    alternatives.append(Alternative(start: currentStart, end: out.count, piece: current))
                    out.append(c)
                    current = Piece()
                    currentStart = out.count
                    starts = Starts()
                    i += 1
                    continue
                }
                if c == UInt8(ascii: "\\") {
                    guard i + 1 < s.count, !Self.unmodelled(escape: s[i + 1]) else { return nil }
                    out.append(c)
                    out.append(s[i + 1])
                    if Self.zeroWidth(escape: s[i + 1]) { starts.assertion() } else { starts.element(nil, consumes: true, end: out.count) }
                    i += 2
                    continue
                }
                if c == UInt8(ascii: "[") {
                    let start = i
                    i += 1
                    if i < s.count, s[i] == UInt8(ascii: "^") { i += 1 }
                    if i < s.count, s[i] == UInt8(ascii: "]") { i += 1 }
                    while i < s.count, s[i] != UInt8(ascii: "]") {
                        if s[i] == UInt8(ascii: "\\") {
                            guard i + 1 < s.count, !Self.unmodelled(escape: s[i + 1]) else { return nil }
                            i += 2
                        } else {
                            i += 1
                        }
                    }
                    guard i < s.count else { return nil }
                    i += 1
                    out.append(contentsOf: s[start..<i])
                    starts.element(nil, consumes: true, end: out.count)
                    continue
                }
                if c == UInt8(ascii: "(") {
                    guard let (group, zeroWidth) = group(after: after || starts.certain) else { return nil }
                    current.captures = current.captures || group.captures
                    if zeroWidth { starts.assertion() } else { starts.element(group.starts, consumes: group.consumes, end: out.count) }
                    continue
                }
                if c == UInt8(ascii: "{"), let (length, optional) = Self.braces(s, at: i) {
                    // `{n}`, `{n,}`, `{n,m}`: optional when n is 0.
                    if optional { starts.quantifier(at: out.count) }
                    out.append(contentsOf: s[i..<(i + length)])
                    i += length
                    continue
                }
                if c == UInt8(ascii: "?") || c == UInt8(ascii: "*") {
                    starts.quantifier(at: out.count)
                } else if c == UInt8(ascii: "^") || c == UInt8(ascii: "$") {
                    starts.assertion()
                } else if c != UInt8(ascii: "+") {
                    starts.element(key(c).map(Starts.Set.single), consumes: true, end: out.count + 1)
                }
                out.append(c)
                i += 1
            }
            starts.finish(&current)
            alternatives.append(Alternative(start: currentStart, end: out.count, piece: current))
            let mine = alternatives[base...]
            let captures = mine.contains { $0.piece.captures }
            var union = Starts.Set()
            var known = true
            for a in mine {
                if let set = a.piece.starts, a.piece.consumes { union.formUnion(set) } else { known = false }
            }
            if lookbehinds == 0, !captures, mine.count >= AlternationDispatch.minimumAlternatives {
                var joined = regroup(mine)
                // Every match starts with one of `union`: one class test rules out a position
                // (a word's end, inside a lazy gap) before the alternatives are tried. Not at
                // the pattern's start, where PCRE2 finds start characters itself.
                if after, known {
                    joined = Array("(?=[".utf8) + union.bytes + Array("])(?:".utf8) + joined + [UInt8(ascii: ")")]
                }
                out.replaceSubrange(bodyStart..<out.count, with: joined)
                regrouped = true
            }
            return Piece(captures: captures, starts: known ? union : nil, consumes: mine.allSatisfy(\.piece.consumes))
        }

        /// The grouping key of a plain character: an ASCII letter (folded when caseless) or digit.
        func key(_ c: UInt8) -> UInt8? {
            let alphanumeric = (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
                || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9"))
            guard alphanumeric else { return nil }
            return caseless && c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z") ? c | 0x20 : c
        }

        /// The length of the counted quantifier at `s[k]` (`{n}`, `{n,}`, `{n,m}`) and whether
        /// its minimum is 0; nil when the brace is a literal character.
        static func braces(_ s: [UInt8], at k: Int) -> (Int, Bool)? {
            var j = k + 1
            let digits = { (from: Int) -> Int in
                var e = from
                while e < s.count, s[e] >= UInt8(ascii: "0"), s[e] <= UInt8(ascii: "9") { e += 1 }
                return e
            }
            let minEnd = digits(j)
            guard minEnd > j else { return nil }
            let zero = s[j..<minEnd].allSatisfy { $0 == UInt8(ascii: "0") }
            j = minEnd
            if j < s.count, s[j] == UInt8(ascii: ",") { j = digits(j + 1) }
            guard j < s.count, s[j] == UInt8(ascii: "}") else { return nil }
            return (j + 1 - k, zero)
        }

        /// Escapes that match no character: word boundaries and anchors.
        static func zeroWidth(escape e: UInt8) -> Bool {
            e == UInt8(ascii: "b") || e == UInt8(ascii: "B") || e == UInt8(ascii: "A") || e == UInt8(ascii: "z")
                || e == UInt8(ascii: "Z") || e == UInt8(ascii: "G")
        }

        /// Back-references (`\1`, `\g`, `\k`), `\Q…\E` and `\c` (which takes the next byte,
        /// even `)`) are not modelled.
        static func unmodelled(escape e: UInt8) -> Bool {
            (e >= UInt8(ascii: "1") && e <= UInt8(ascii: "9")) || e == UInt8(ascii: "g") || e == UInt8(ascii: "k")
                || e == UInt8(ascii: "Q") || e == UInt8(ascii: "E") || e == UInt8(ascii: "c")
        }

        /// Reads a group from its `(` through its `)`; nil for a verb `(*…)`, and for any `(?`
        /// form but non-capturing, atomic and named groups and lookarounds (inline options,
        /// comments, conditionals, recursion, `(?P=name)`…).
        mutating func group(after: Bool) -> (Piece, zeroWidth: Bool)? {
            let open = i
            var opener = 1
            var capture = true
            var lookbehind = false
            var lookahead = false
            if i + 1 < s.count, s[i + 1] == UInt8(ascii: "*") { return nil }
            if i + 1 < s.count, s[i + 1] == UInt8(ascii: "?") {
                guard i + 2 < s.count else { return nil }
                let k = s[i + 2]
                if k == UInt8(ascii: "P"), !(i + 3 < s.count && s[i + 3] == UInt8(ascii: "<")) { return nil }
                guard k == UInt8(ascii: ":") || k == UInt8(ascii: "=") || k == UInt8(ascii: "!") || k == UInt8(ascii: ">")
                    || k == UInt8(ascii: "<") || k == UInt8(ascii: "'") || k == UInt8(ascii: "P") else { return nil }
                if k == UInt8(ascii: ":") || k == UInt8(ascii: "=") || k == UInt8(ascii: "!") || k == UInt8(ascii: ">") {
                    opener = 3
                    capture = false
                    lookahead = k == UInt8(ascii: "=") || k == UInt8(ascii: "!")
                } else if k == UInt8(ascii: "<"), i + 3 < s.count, s[i + 3] == UInt8(ascii: "=") || s[i + 3] == UInt8(ascii: "!") {
                    opener = 4
                    capture = false
                    lookbehind = true
                } else {
                    // A named group, `(?<name>`, `(?P<name>` or `(?'name'`: keep its name as written.
                    let quote = k == UInt8(ascii: "'")
                    var k = i + (quote ? 3 : k == UInt8(ascii: "P") ? 4 : 3)
                    while k < s.count, s[k] != (quote ? UInt8(ascii: "'") : UInt8(ascii: ">")) { k += 1 }
                    guard k < s.count else { return nil }
                    opener = k + 1 - i
                }
            }
            out.append(contentsOf: s[open..<(open + opener)])
            i += opener
            if lookbehind { lookbehinds += 1 }
            // Alternations inside look-arounds get no guard (kept as simple as they are).
            let parsed = body(after: after && !lookahead && !lookbehind)
            if lookbehind { lookbehinds -= 1 }
            guard var inner = parsed, i < s.count, s[i] == UInt8(ascii: ")") else { return nil }
            i += 1
            out.append(UInt8(ascii: ")"))
            inner.captures = inner.captures || capture
            return (inner, lookahead || lookbehind)
        }

        /// The first character an alternative (`out[r]`) must match, as a grouping key, and the
        /// length of the `\b` prefix before it; nil when it is not a plain letter or digit.
        func head(_ r: Range<Int>) -> (key: UInt8, prefix: Int)? {
            var k = r.lowerBound
            while k + 1 < r.upperBound, out[k] == UInt8(ascii: "\\"), out[k + 1] == UInt8(ascii: "b") { k += 2 }
            guard k < r.upperBound else { return nil }
            guard let folded = key(out[k]) else { return nil }
            if k + 1 < r.upperBound {
                let q = out[k + 1]
                if q == UInt8(ascii: "?") || q == UInt8(ascii: "*") || q == UInt8(ascii: "+") || q == UInt8(ascii: "{") { return nil }
            }
            return (folded, k - r.lowerBound)
        }

        /// Groups each run of alternatives with known first characters by that character, in
        /// order of first appearance; an alternative without one closes the run.
        func regroup(_ alternatives: ArraySlice<Alternative>) -> [UInt8] {
            var joined: [UInt8] = []
            joined.reserveCapacity(out.count - alternatives.first!.start + 64)
            var first = true
            func separate() {
                if !first { joined.append(UInt8(ascii: "|")) }
                first = false
            }
            var run: [(range: Range<Int>, key: UInt8, prefix: Int)] = []
            func flush() {
                // Keys in order of first appearance: a member opens its key's group unless an
                // earlier member of the run already did (keys are ASCII, one bit each).
                var opened = Starts.Set()
                for (n, m) in run.enumerated() where !opened.contains(m.key) {
                    opened.formUnion(.single(m.key))
                    let group = run[n...].filter { $0.key == m.key }
                    separate()
                    if group.count == 1 { joined += out[m.range]; continue }
                    // Members that all begin with the same `\b` prefix (a prefix is only ever
                    // `\b`s, so equal lengths are equal bytes) share it and their character.
                    let at = m.range.lowerBound + m.prefix
                    if group.allSatisfy({ $0.prefix == m.prefix }) {
                        joined += out[m.range.lowerBound...at]
                        joined += Array("(?:".utf8)
                        for (k, g) in group.enumerated() {
                            if k > 0 { joined.append(UInt8(ascii: "|")) }
                            joined += out[(g.range.lowerBound + g.prefix + 1)..<g.range.upperBound]
                        }
                    } else {
                        joined += Array("(?=".utf8)
                        joined.append(out[at])
                        joined += Array(")(?:".utf8)
                        for (k, g) in group.enumerated() {
                            if k > 0 { joined.append(UInt8(ascii: "|")) }
                            joined += out[g.range]
                        }
                    }
                    joined.append(UInt8(ascii: ")"))
                }
                run.removeAll()
            }
            for a in alternatives {
                let range = a.start..<a.end
                if let h = head(range) {
                    run.append((range, h.key, h.prefix))
                } else {
                    flush()
                    separate()
                    joined += out[range]
                }
            }
            flush()
            return joined
        }
    }
}
