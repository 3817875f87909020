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

/// `--rule-costs FILE [--top N]`: each rule's share of a corpus's scan time, measured inside
/// the full scan (`RuleCostMeter`), after one untimed pass. Three measured passes are added
/// up, so a rule's figure is not one preempted pass.
enum RuleCostReport {
    static func run(path: String, top: Int) {
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
    }
}
