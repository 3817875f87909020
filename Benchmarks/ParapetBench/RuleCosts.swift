import Parapet

/// Per-rule cost: each active rule of one target scanned alone (`only:`) at 2 KB and 20 KB, minus
/// a baseline that builds the same views: the scan with no rule (views of the literal pass plus
/// that pass) plus the cost of building the rule's other views. Without the view term, the first
/// rule to ask for the compact or decoded view is charged for building it, and every rule looks
/// alike. `--target output` measures the output pack, also on prose with numbers, dates and an
/// address in it (what model replies often hold).
enum RuleCosts {
    static func run(budget: Double, target: Target = .input) {
        Sections.header("per-rule cost, \(target.rawValue) PL1, prefilter on (scan with only that rule, minus a scan with no rule and the same views)")
        let engine = Sections.makeGuard(DefaultPack.ruleSources).engine
        var texts: [(String, [UInt8], [UInt8])] = [
            ("ASCII", Array(Inputs.prose(2_000).utf8), Array(Inputs.prose(20_000).utf8)),
            ("non-ASCII", Array(Inputs.prose(2_000, nonASCII: true).utf8), Array(Inputs.prose(20_000, nonASCII: true).utf8)),
        ]
        if target != .input {
            texts.append(("with numbers", Array(Inputs.numericProse(2_000).utf8), Array(Inputs.numericProse(20_000).utf8)))
        }
        let literalViews = engine.plans[target]![0].literalViews
        for (name, smallBytes, largeBytes) in texts {
            let small = Alternating(smallBytes), large = Alternating(largeBytes)
            let none: Set<String> = []
            let base2 = measure(budget: budget / 4) { _ = engine.scan(small.next(), target: target, paranoia: 1, only: none) }.median
            let base20 = measure(budget: budget / 4) { _ = engine.scan(large.next(), target: target, paranoia: 1, only: none) }.median
            // Building a view set's views beyond the literal pass's, once per distinct set.
            var extra: [[ViewKind]: (Double, Double)] = [:]
            func viewCost(_ kinds: [ViewKind]) -> (Double, Double) {
                let all = ViewKind.allCases.filter { kinds.contains($0) || literalViews.contains($0) }
                if all == literalViews { return (0, 0) }
                if let c = extra[all] { return c }
                func build(_ src: Alternating, _ ks: [ViewKind]) -> Double {
                    measure(budget: budget / 8) {
                        let v = ViewSet(src.next(), options: engine.config.viewOptions)
                        for k in ks { _ = v.views(k) }
                    }.median
                }
                let c = (max(0, build(small, all) - build(small, literalViews)), max(0, build(large, all) - build(large, literalViews)))
                extra[all] = c
                return c
            }
            var rows: [(id: String, t2: Double, t20: Double)] = []
            for rule in engine.activeRules(target: target, paranoia: 1) {
                let only: Set<String> = [rule.id]
                let (v2, v20) = viewCost(rule.spec.views)
                // Rule and empty scans in turn, so drift on a busy machine hits both alike.
                let a = measureDifference(minRuns: 60, budget: budget / 6, { _ = engine.scan(small.next(), target: target, paranoia: 1, only: only) },
                                          minus: { _ = engine.scan(small.next(), target: target, paranoia: 1, only: none) })
                let b = measureDifference(minRuns: 16, budget: budget / 6, { _ = engine.scan(large.next(), target: target, paranoia: 1, only: only) },
                                          minus: { _ = engine.scan(large.next(), target: target, paranoia: 1, only: none) })
                rows.append((rule.id, max(0, a - v2), max(0, b - v20)))
            }
            print("  \(name): empty scan \(fmt(base2)) at 2 KB, \(fmt(base20)) at 20 KB; extra views \(extra.map { "\($0.key.map(\.rawValue).joined(separator: "+")) \(fmt($0.value.0))" }.sorted().joined(separator: ", ")); top rules:")
            for r in rows.sorted(by: { $0.t2 + $0.t20 / 10 > $1.t2 + $1.t20 / 10 }).prefix(12) {
                let ratio = r.t2 > 50 ? format1(r.t20 / r.t2) + "×" : "-"
                print("    \(padRight(r.id, 40)) \(fmt(r.t2)) \(fmt(r.t20))  20K/2K \(ratio)")
            }
        }
        print()
    }
}
