/// A pattern construct that can make a backtracking engine take exponential or polynomial time.
struct BacktrackingRisk: Sendable, Equatable {
    var code: LintCode
    /// Scalar offset of the quantifier in the pattern.
    var offset: Int
    var message: String
    var help: String
}

/// Finds ReDoS-prone shapes in a pattern's syntax tree (a static check, not a proof).
enum BacktrackingAnalysis {
    static func risks(in pattern: String, caseless: Bool) -> [BacktrackingRisk] {
        var out: [BacktrackingRisk] = []
        visit(RegexSyntax.parse(pattern, caseless: caseless), &out)
        return out
    }

    private static func visit(_ node: RegexNode, _ out: inout [BacktrackingRisk]) {
        switch node {
        case .repetition(let body, _, let max, let possessive, let offset):
            if max == nil, !possessive { checkUnboundedRepeat(body, offset: offset, &out) }
            visit(body, &out)
        case .sequence(let items):
            checkPairs(items, &out)
            items.forEach { visit($0, &out) }
        case .alternation(let items):
            items.forEach { visit($0, &out) }
        case .atomic:
            break  // no backtracking into an atomic group
        default:
            break
        }
    }

    /// `(body)+` where body holds another unbounded repeat and iterations can run into each other.
    private static func checkUnboundedRepeat(_ body: RegexNode, offset: Int, _ out: inout [BacktrackingRisk]) {
        let inner = body.unboundedRepetitions
        if !inner.isEmpty, body.isNullable || body.lastSet.overlaps(body.firstSet) {
            out.append(BacktrackingRisk(
                code: .nestedQuantifier, offset: offset,
                message: "nested unbounded quantifiers: the same text can be split between the inner and outer repetition in exponentially many ways",
                help: "make the inner or outer repetition possessive (`++`, `*+`) or atomic (`(?>...)`), bound it (`{1,20}`), or require a separator between iterations that the inner part cannot match"))
            return
        }
        if case .alternation(let branches) = stripGroups(body) {
            for a in branches.indices {
                for b in branches.indices where b > a && branches[a].firstSet.overlaps(branches[b].firstSet) {
                    out.append(BacktrackingRisk(
                        code: .overlappingAlternation, offset: offset,
                        message: "alternation under unbounded repetition with branches \(a + 1) and \(b + 1) able to start with the same character: every iteration may try both",
                        help: "make the branches mutually exclusive (factor out the common prefix: `(?:a|ab)` → `ab?`), or make the repetition possessive or atomic"))
                    return
                }
            }
        }
    }

    /// Two unbounded repeats in one sequence that can eat the same characters: a failing match
    /// then costs O(n²) (O(n³) with three).
    private static func checkPairs(_ items: [RegexNode], _ out: inout [BacktrackingRisk]) {
        var previous: (set: CharSet, broad: Bool)?
        var separated = false
        for item in items {
            if case .repetition(let body, _, nil, false, let offset) = item {
                let set = body.firstSet.union(body.lastSet)
                if let p = previous, (p.broad && set.isBroad) || (!separated && p.set.overlaps(set)) {
                    out.append(BacktrackingRisk(
                        code: .unboundedPair, offset: offset,
                        message: p.broad && set.isBroad
                            ? "two unbounded `.*`-like repeats in one pattern: a failing match costs quadratic time in the input length"
                            : "two adjacent unbounded repeats can match the same characters: a failing match costs quadratic time",
                        help: "bound the gaps (`.{0,200}`), merge adjacent repeats into one, or make one possessive"))
                    return
                }
                previous = (set, set.isBroad)
                separated = false
            } else if !item.isNullable {
                separated = true
            }
        }
    }

    static func stripGroups(_ n: RegexNode) -> RegexNode {
        if case .sequence(let items) = n, items.count == 1 { return stripGroups(items[0]) }
        return n
    }
}
