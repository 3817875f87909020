import Foundation
import Parapet
import ParapetJSON

/// The messages of a JSONL corpus (`text`, optional `target`, input by default); lines without
/// a string `text` are skipped.
func loadCorpus(_ path: String) -> [(bytes: [UInt8], target: Target)] {
    guard let data = FileManager.default.contents(atPath: path) else { print("cannot read \(path)"); exit(2) }
    var items: [(bytes: [UInt8], target: Target)] = []
    for line in data.split(separator: 0x0A) {
        guard let v = try? JSONParser.parse(Array(line)), let text = v[key: "text"]?.stringValue else { continue }
        items.append((Array(text.utf8), Target(rawValue: v[key: "target"]?.stringValue ?? "input") ?? .input))
    }
    return items
}

/// `--rule-costs FILE [--top N] [--groups ID,...]`: each rule's share of a corpus's scan time,
/// measured inside the full scan (`RuleCostMeter`), after one untimed pass. Three measured
/// passes are added up, so a rule's figure is not one preempted pass. `--groups` adds, for the
/// rules named, how often each of their gate groups (a pattern's or a branch variant's clauses)
/// was open when the rule ran.
enum RuleCostReport {
    static func run(path: String, top: Int, groups: Set<String> = []) {
        let items = loadCorpus(path)
        let engine = Sections.makeGuard(DefaultPack.ruleSources).engine
        let meter = RuleCostMeter(ruleCount: engine.ruleSet.rules.count)
        for (b, t) in items { _ = engine.scan(b, target: t, meter: meter) }
        meter.reset()
        for _ in 0..<3 {
            for (b, t) in items { _ = engine.scan(b, target: t, meter: meter) }
        }
        let bytes = items.reduce(0) { $0 + $1.bytes.count } * 3
        let total = Double(meter.scanNanos)
        func share(_ n: UInt64) -> String { String(format: "%5.1f %%", Double(n) / total * 100) }
        print("\(meter.scans) scans, \(bytes) bytes, \(fmt(total)) (\(String(format: "%.1f", Double(bytes) / total * 1e3)) MB/s)")
        print("literal views     \(fmt(Double(meter.viewNanos))) \(share(meter.viewNanos))")
        print("literal pass      \(fmt(Double(meter.literalPassNanos))) \(share(meter.literalPassNanos))")
        let runs = meter.runs.reduce(0, +)
        print("all rules         \(fmt(Double(meter.ruleNanos))) \(share(meter.ruleNanos))  (\(String(format: "%.1f", Double(runs) / Double(max(1, meter.scans)))) rule runs a scan)")
        let rest = meter.scanNanos &- min(meter.scanNanos, meter.viewNanos &+ meter.literalPassNanos &+ meter.ruleNanos)
        print("rest              \(fmt(Double(rest))) \(share(rest))")
        // The meter's own clock reads: six a scan, two a rule run, most of them counted in "rest".
        let t0 = nowNanos()
        var sink = ContinuousClock.now
        for _ in 0..<100_000 { sink = ContinuousClock.now }
        withExtendedLifetime(sink) {}
        let perRead = Double(nowNanos() - t0) / 100_000
        let reads = Double(6 * meter.scans + 2 * runs)
        print("clock reads       \(fmt(perRead * reads)) \(share(UInt64(perRead * reads)))  (\(String(format: "%.0f", perRead)) ns each; part of the above)")
        // `fired`: runs that found something; the other runs are what a sharper gate could save.
        print("\nrule                                            runs    fired       time    share    per run")
        let order = engine.ruleSet.rules.indices.sorted { meter.nanos[$0] > meter.nanos[$1] }
        for i in order.prefix(top) where meter.runs[i] > 0 {
            let n = meter.nanos[i]
            print("\(padRight(engine.ruleSet.rules[i].id, 44)) \(pad(String(meter.runs[i]), 8)) \(pad(String(meter.fired[i]), 8)) \(fmt(Double(n))) \(share(n)) \(fmt(Double(n) / Double(meter.runs[i])))")
        }
        for (i, rule) in engine.ruleSet.rules.enumerated() where groups.contains(rule.id) {
            printGroups(rule, runs: meter.runs[i], fired: meter.fired[i], openings: meter.groupOpenings[i])
        }
    }

    /// One line per gate group of `rule`: the runs it was open in, and the first literals of
    /// each of its clauses.
    static func printGroups(_ rule: CompiledRule, runs: Int, fired: Int, openings: [Int]) {
        print("\n\(rule.id): \(runs) runs, \(fired) fired; open in  gate group (pattern: first literals of each clause)")
        guard let gates = Prefilter.gateClauses(for: rule) else { print("  always runs: no gate groups"); return }
        func show(_ clause: [[UInt8]]) -> String {
            let shown = clause.prefix(4).map { "\"" + String(decoding: $0, as: UTF8.self) + "\"" }.joined(separator: " | ")
            return clause.count > 4 ? shown + " … (\(clause.count))" : shown
        }
        for (k, gate) in gates.enumerated() {
            let open = k < openings.count ? openings[k] : 0
            let pattern = gate.pattern.map { "pattern \($0 + 1)" } ?? "rule"
            print("  \(pad(String(open), 8))  \(pattern): " + gate.clauses.map(show).joined(separator: "  &  "))
        }
    }
}
