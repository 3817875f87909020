/// A small "required literal" analysis for lint: strings of 3+ characters such that every match
/// of the pattern contains at least one of them. The engine's prefilter has its own extraction;
/// this one only answers "could a prefilter use anything here?".
enum RequiredLiterals {
    static let minimumLength = 3
    /// Cap on alternative spellings tracked (small classes like `[pousr]` expand into them).
    static let maxAlternatives = 64

    /// Any-of literal set every match contains, or nil when there is none (lower-cased when caseless).
    static func of(_ pattern: String, caseless: Bool) -> [String]? {
        best(info(RegexSyntax.parse(pattern, caseless: caseless), caseless: caseless))
    }

    private struct Info {
        /// The node always matches exactly one of these texts.
        var exact: [String]?
        /// Candidate any-of sets, each good enough on its own.
        var sets: [[String]] = []
    }

    private static func usable(_ strings: [String]) -> [String]? {
        strings.allSatisfy({ $0.count >= minimumLength }) ? strings : nil
    }

    private static func best(_ i: Info) -> [String]? {
        var candidates = i.sets
        if let e = i.exact, let u = usable(e) { candidates.append(u) }
        // Prefer the set whose shortest literal is longest (fewest spurious prefilter hits).
        return candidates.max { ($0.map(\.count).min() ?? 0, -$0.count) < ($1.map(\.count).min() ?? 0, -$1.count) }
    }

    private static func product(_ a: [String], _ b: [String]) -> [String]? {
        guard a.count * b.count <= maxAlternatives else { return nil }
        return a.flatMap { x in b.map { x + $0 } }
    }

    private static func info(_ node: RegexNode, caseless: Bool) -> Info {
        switch node {
        case .empty, .assertion:
            return Info(exact: [""])
        case .char(let set, let literal):
            if let b = set.single(caseless: caseless) { return Info(exact: [String(UnicodeScalar(b))]) }
            if let l = literal, l.value >= 128 { return Info(exact: [String(l)]) }
            if !set.nonASCII {
                var members = Set<String>()
                for b in (0..<128).map(UInt8.init) where set.contains(b) {
                    members.insert(String(UnicodeScalar(caseless && (0x41...0x5A).contains(b) ? b + 32 : b)))
                }
                if members.count <= 8 { return Info(exact: members.sorted()) }
            }
            return Info()
        case .backreference:
            return Info()
        case .atomic(let n):
            return info(n, caseless: caseless)
        case .sequence(let items):
            var result = Info(exact: [""])
            var run: [String] = [""]
            func closeRun() {
                if let u = usable(run) { result.sets.append(u) }
                run = [""]
            }
            for item in items {
                let sub = info(item, caseless: caseless)
                if let e = sub.exact {
                    if let joined = product(run, e) { run = joined } else {
                        closeRun()
                        run = e
                    }
                    result.exact = result.exact.flatMap { product($0, e) }
                } else {
                    closeRun()
                    result.exact = nil
                    if let b = best(sub) { result.sets.append(b) }
                }
            }
            closeRun()
            return result
        case .alternation(let branches):
            let subs = branches.map { info($0, caseless: caseless) }
            if subs.allSatisfy({ $0.exact != nil }) {
                let all = Array(Set(subs.flatMap { $0.exact! })).sorted()
                if all.count <= maxAlternatives { return Info(exact: all) }
            }
            var union: [String] = []
            for s in subs {
                guard let b = best(s) else { return Info() }
                union += b
            }
            return Info(sets: [Array(Set(union)).sorted()])
        case .repetition(let body, let min, let max, _, _):
            guard min > 0 else { return Info() }
            let sub = info(body, caseless: caseless)
            if let e = sub.exact, max == min, min <= 8 {
                var acc: [String]? = [""]
                for _ in 0..<min { acc = acc.flatMap { product($0, e) } }
                if let acc { return Info(exact: acc) }
            }
            if let e = sub.exact, min > 1, e.count == 1 {
                // `a{3,}` still requires "aaa".
                return Info(sets: [[String(repeating: e[0], count: Swift.min(min, 8))]].filter { usable($0) != nil })
            }
            if let b = best(sub) { return Info(sets: [b]) }
            return Info()
        }
    }
}
