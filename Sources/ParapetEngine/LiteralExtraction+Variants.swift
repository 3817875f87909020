/// Branch variants: a pattern's widest alternation, written out one branch at a time.
///
/// The clauses of an alternation are sets that hold one literal of every branch, so a pattern
/// like `(?:send … address|grant … access|…)` is gated by "send or grant or …": common verbs,
/// which open the gate on almost any document. A match takes one branch, though, and then holds
/// that branch's clauses together: "send and address", or "grant and access". Gating each
/// variant (the pattern with the group holding that branch alone) by its own clauses, and the
/// pattern by any of them, asks for all of one branch's words where the plain gate asks for one.
/// The pattern PCRE2 runs is unchanged; the variants are read only for their literals.
extension LiteralExtraction {
    /// Most variants one pattern is split into: each is one more clause group to check per scan.
    static let maxVariants = 32

    /// One source per branch of the pattern's widest alternation that every match passes
    /// through: its top-level branches, or else the longest unquantified group at the top level
    /// holding `|`. nil when there is none, or when the split could change what a branch matches
    /// (backreferences and subroutine calls, branch resets, option settings between branches,
    /// extended mode, `\Q…\E`, `\c`), or when it would give more than `maxVariants` sources.
    static func branchVariants(of pattern: String) -> [String]? {
        let b = Array(pattern.utf8)
        guard let top = TopLevelAlternation.find(b), top.branches.count > 1, top.branches.count <= maxVariants else { return nil }
        return top.branches.map { r in
            String(decoding: b[..<top.content.lowerBound] + b[r] + b[top.content.upperBound...], as: UTF8.self)
        }
    }
}

/// The alternation `LiteralExtraction.branchVariants` splits: the byte range of its content and
/// of each branch within it.
struct TopLevelAlternation {
    var content: Range<Int>
    var branches: [Range<Int>]

    /// A group read while scanning: where its content starts, its `|` positions, whether it is
    /// one whose branches may be split (capturing, non-capturing, atomic, named, or with option
    /// letters before `:`; not a lookaround, comment or verb).
    private struct Open {
        var contentStart: Int
        var bars: [Int] = []
        var splittable: Bool
        var setsOptions = false
    }

    /// What a `(` starts: a group, an option setting such as `(?i)`, or a comment.
    private enum Opening {
        case group(Open)
        case options
        case comment
    }

    /// Reads `b` once, tracking groups and character classes. nil when the pattern uses syntax
    /// that makes a textual split unsafe, or has no alternation every match goes through.
    static func find(_ b: [UInt8]) -> TopLevelAlternation? {
        let n = b.count
        var stack: [Open] = [Open(contentStart: 0, splittable: true)]
        var best: TopLevelAlternation? = nil
        var topBars: [Int] = []
        var topSetsOptions = false
        var i = 0
        while i < n {
            let c = b[i]
            switch c {
            case UInt8(ascii: "\\"):
                guard i + 1 < n else { return nil }
                let e = b[i + 1]
                // Backreferences, subroutine calls, quoting and control escapes: not split.
                if (e >= 0x31 && e <= 0x39) || e == UInt8(ascii: "g") || e == UInt8(ascii: "k") || e == UInt8(ascii: "Q")
                    || e == UInt8(ascii: "c") || e == UInt8(ascii: "E") { return nil }
                i += 2
            case UInt8(ascii: "["):
                guard let end = classEnd(b, from: i) else { return nil }
                i = end
            case UInt8(ascii: "("):
                guard let (opening, next) = openGroup(b, at: i) else { return nil }
                switch opening {
                case .group(let open): stack.append(open)
                case .options:
                    // `(?i)` and the like: the setting runs on into the later branches of the
                    // enclosing group, which a split would cut off.
                    if stack.count == 1 { topSetsOptions = true } else { stack[stack.count - 1].setsOptions = true }
                case .comment: break
                }
                i = next
            case UInt8(ascii: ")"):
                guard stack.count > 1 else { return nil }
                let group = stack.removeLast()
                i += 1
                // Only a group every match passes through once: at the top level, unquantified.
                guard stack.count == 1, group.splittable, !group.setsOptions, !group.bars.isEmpty, !startsQuantifier(b, i) else { continue }
                let content = group.contentStart..<(i - 1)
                if best == nil || content.count > best!.content.count {
                    best = TopLevelAlternation(content: content, branches: ranges(content, bars: group.bars))
                }
            case UInt8(ascii: "|"):
                if stack.count == 1 { topBars.append(i) } else { stack[stack.count - 1].bars.append(i) }
                i += 1
            default:
                i += 1
            }
        }
        guard stack.count == 1 else { return nil }
        // Top-level branches come first: a group inside one branch is not on every match's path.
        if !topBars.isEmpty {
            return topSetsOptions ? nil : TopLevelAlternation(content: 0..<n, branches: ranges(0..<n, bars: topBars))
        }
        return best
    }

    /// The branches of `content` split at `bars`.
    private static func ranges(_ content: Range<Int>, bars: [Int]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var start = content.lowerBound
        for bar in bars {
            out.append(start..<bar)
            start = bar + 1
        }
        out.append(start..<content.upperBound)
        return out
    }

    /// Whether a quantifier starts at `i` (`{` only when it reads as one: digits, a comma).
    private static func startsQuantifier(_ b: [UInt8], _ i: Int) -> Bool {
        guard i < b.count else { return false }
        switch b[i] {
        case UInt8(ascii: "?"), UInt8(ascii: "*"), UInt8(ascii: "+"): return true
        case UInt8(ascii: "{"): return i + 1 < b.count && ((b[i + 1] >= 0x30 && b[i + 1] <= 0x39) || b[i + 1] == UInt8(ascii: ","))
        default: return false
        }
    }

    /// What opens at `b[i]`, and the offset past its opening (a group's content; past the `)`
    /// of an option setting or a comment); nil for syntax not split (branch reset, recursion
    /// and subroutine calls, named references, conditionals, callouts, extended mode).
    private static func openGroup(_ b: [UInt8], at i: Int) -> (Opening, next: Int)? {
        let n = b.count
        guard i + 1 < n else { return nil }
        if b[i + 1] == UInt8(ascii: "*") {
            // A verb such as (*COMMIT): read as a group with no branches.
            return (.group(Open(contentStart: i + 2, splittable: false)), i + 2)
        }
        guard b[i + 1] == UInt8(ascii: "?") else { return (.group(Open(contentStart: i + 1, splittable: true)), i + 1) }
        guard i + 2 < n else { return nil }
        let k = b[i + 2]
        switch k {
        case UInt8(ascii: ":"), UInt8(ascii: ">"):
            return (.group(Open(contentStart: i + 3, splittable: true)), i + 3)
        case UInt8(ascii: "="), UInt8(ascii: "!"):
            return (.group(Open(contentStart: i + 3, splittable: false)), i + 3)
        case UInt8(ascii: "#"):
            // A comment: skipped whole (it holds no group syntax).
            guard let close = b[(i + 3)...].firstIndex(of: UInt8(ascii: ")")) else { return nil }
            return (.comment, close + 1)
        case UInt8(ascii: "<"):
            guard i + 3 < n else { return nil }
            if b[i + 3] == UInt8(ascii: "=") || b[i + 3] == UInt8(ascii: "!") {
                return (.group(Open(contentStart: i + 4, splittable: false)), i + 4)
            }
            return namedGroup(b, from: i + 3, close: UInt8(ascii: ">"))
        case UInt8(ascii: "'"):
            return namedGroup(b, from: i + 3, close: UInt8(ascii: "'"))
        case UInt8(ascii: "P"):
            guard i + 3 < n, b[i + 3] == UInt8(ascii: "<") else { return nil }
            return namedGroup(b, from: i + 4, close: UInt8(ascii: ">"))
        default:
            // Option letters: `(?i)` sets them for the rest of the group, `(?i:` opens a group.
            var j = i + 2
            while j < n, isOptionLetter(b[j]) {
                if b[j] == UInt8(ascii: "x") { return nil }
                j += 1
            }
            guard j < n, j > i + 2 else { return nil }
            if b[j] == UInt8(ascii: ")") { return (.options, j + 1) }
            if b[j] == UInt8(ascii: ":") { return (.group(Open(contentStart: j + 1, splittable: true)), j + 1) }
            return nil
        }
    }

    /// A named capturing group whose name starts at `from` and ends at `close`.
    private static func namedGroup(_ b: [UInt8], from: Int, close: UInt8) -> (Opening, next: Int)? {
        var j = from
        while j < b.count, b[j] != close {
            let c = b[j] | 0x20
            guard (c >= 0x61 && c <= 0x7A) || (b[j] >= 0x30 && b[j] <= 0x39) || b[j] == UInt8(ascii: "_") else { return nil }
            j += 1
        }
        guard j < b.count, j > from else { return nil }
        return (.group(Open(contentStart: j + 1, splittable: true)), j + 1)
    }

    /// PCRE2's inline option letters (`R`, the recursion call, is not one).
    private static func isOptionLetter(_ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: "-"), UInt8(ascii: "^"), UInt8(ascii: "i"), UInt8(ascii: "m"), UInt8(ascii: "n"), UInt8(ascii: "s"),
             UInt8(ascii: "x"), UInt8(ascii: "J"), UInt8(ascii: "U"), UInt8(ascii: "a"), UInt8(ascii: "r"), UInt8(ascii: "D"),
             UInt8(ascii: "S"), UInt8(ascii: "W"), UInt8(ascii: "P"), UInt8(ascii: "T"):
            return true
        default:
            return false
        }
    }

    /// The offset past the character class opening at `b[i]`: a `]` right after `[` or `[^` is a
    /// member, escapes are skipped, and POSIX names (`[:alpha:]`) end at their own `:]`.
    private static func classEnd(_ b: [UInt8], from i: Int) -> Int? {
        let n = b.count
        var j = i + 1
        if j < n, b[j] == UInt8(ascii: "^") { j += 1 }
        if j < n, b[j] == UInt8(ascii: "]") { j += 1 }
        while j < n {
            switch b[j] {
            case UInt8(ascii: "\\"):
                guard j + 1 < n else { return nil }
                if b[j + 1] == UInt8(ascii: "Q") || b[j + 1] == UInt8(ascii: "E") { return nil }
                j += 2
            case UInt8(ascii: "["):
                if j + 1 < n, b[j + 1] == UInt8(ascii: ":") || b[j + 1] == UInt8(ascii: ".") || b[j + 1] == UInt8(ascii: "=") {
                    let mark = b[j + 1]
                    var k = j + 2
                    while k + 1 < n, !(b[k] == mark && b[k + 1] == UInt8(ascii: "]")) { k += 1 }
                    guard k + 1 < n else { return nil }
                    j = k + 2
                } else {
                    j += 1
                }
            case UInt8(ascii: "]"):
                return j + 1
            default:
                j += 1
            }
        }
        return nil
    }
}
