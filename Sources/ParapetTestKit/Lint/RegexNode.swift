/// A simplified syntax tree of a PCRE2 pattern, enough to reason about backtracking and literals.
indirect enum RegexNode: Sendable {
    case empty
    /// One character (or class); `literal` is set when it is a single character written as such.
    case char(CharSet, literal: Unicode.Scalar?)
    case sequence([RegexNode])
    case alternation([RegexNode])
    /// Zero-width: anchors, `\b`, lookarounds.
    case assertion
    /// A group that does not backtrack into itself (`(?>...)`); its inside cannot cause blow-ups.
    case atomic(RegexNode)
    /// `body{min,max}`; `max == nil` is unbounded. `offset` is the quantifier's position (scalars).
    case repetition(RegexNode, min: Int, max: Int?, possessive: Bool, offset: Int)
    /// A backreference: matches text we cannot describe statically.
    case backreference

    var isNullable: Bool {
        switch self {
        case .empty, .assertion: true
        case .char, .backreference: false
        case .sequence(let items): items.allSatisfy(\.isNullable)
        case .alternation(let items): items.contains(where: \.isNullable)
        case .atomic(let n): n.isNullable
        case .repetition(let n, let min, _, _, _): min == 0 || n.isNullable
        }
    }

    /// Characters a non-empty match can start with.
    var firstSet: CharSet {
        switch self {
        case .empty, .assertion: return CharSet.empty
        case .char(let s, _): return s
        case .backreference: return CharSet.all
        case .sequence(let items):
            var s = CharSet.empty
            for item in items {
                s = s.union(item.firstSet)
                if !item.isNullable { break }
            }
            return s
        case .alternation(let items): return items.reduce(CharSet.empty) { $0.union($1.firstSet) }
        case .atomic(let n), .repetition(let n, _, _, _, _): return n.firstSet
        }
    }

    /// Characters a non-empty match can end with.
    var lastSet: CharSet {
        switch self {
        case .sequence(let items):
            var s = CharSet.empty
            for item in items.reversed() {
                s = s.union(item.lastSet)
                if !item.isNullable { break }
            }
            return s
        case .alternation(let items): return items.reduce(CharSet.empty) { $0.union($1.lastSet) }
        case .atomic(let n), .repetition(let n, _, _, _, _): return n.lastSet
        default: return firstSet
        }
    }

    /// The unbounded, backtracking repetitions inside this node (not inside atomic groups).
    var unboundedRepetitions: [RegexNode] {
        switch self {
        case .sequence(let items), .alternation(let items): items.flatMap(\.unboundedRepetitions)
        case .repetition(let n, _, let max, let possessive, _):
            (max == nil && !possessive ? [self] : []) + n.unboundedRepetitions
        default: []
        }
    }
}
