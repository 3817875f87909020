import Foundation
import Parapet
import ParapetJSON

/// `--corpus-costs FILE`: where a JSONL corpus's scan time goes, by message group (target and
/// size) and by rule. Each measured step ends with a call to `costBoundary`, so under
///     valgrind --tool=callgrind --dump-after='<costBoundary symbol>' parapet-bench --corpus-costs F
/// every dump holds exactly one step's instructions (the labels are printed in dump order);
/// without valgrind the same steps are timed with the wall clock.
enum CorpusCosts {
    static func run(path: String, perRule: Bool) {
        var items: [(bytes: [UInt8], target: Target)] = []
        // `prose:SIZE[:target]` instead of a file: one synthetic benign text (to cost large inputs).
        if path.hasPrefix("prose:") {
            let parts = path.split(separator: ":")
            let size = parts.count > 1 ? Int(parts[1]) ?? 20_000 : 20_000
            items.append((Array(Inputs.prose(size).utf8), Target(rawValue: parts.count > 2 ? String(parts[2]) : "input") ?? .input))
        }
        let data = path.hasPrefix("prose:") ? Data() : FileManager.default.contents(atPath: path)
        guard let data else { print("cannot read \(path)"); exit(2) }
        for line in data.split(separator: 0x0A) {
            guard let v = try? JSONParser.parse(Array(line)), let text = v[key: "text"]?.stringValue else { continue }
            items.append((Array(text.utf8), Target(rawValue: v[key: "target"]?.stringValue ?? "input") ?? .input))
        }
        let engine = Sections.makeGuard(DefaultPack.ruleSources).engine
        // One untimed pass, so no step pays for first-touch work (lazy tables, caches).
        for (b, t) in items { _ = engine.scan(b, target: t) }
        costBoundary("warm-up")
        let buckets = [0, 256, 1_024, 4_096, Int.max]
        func bucketName(_ i: Int) -> String { i == buckets.count - 2 ? "≥\(buckets[i])" : "\(buckets[i])-\(buckets[i + 1] - 1)" }
        var groups: [String: [Int]] = [:]
        for (i, item) in items.enumerated() {
            let b = buckets.lastIndex { $0 <= item.bytes.count }!
            groups["\(item.target.rawValue) \(bucketName(b))", default: []].append(i)
        }
        print("step                                  msgs      bytes      time   per msg")
        for name in groups.keys.sorted() {
            let idx = groups[name]!
            let t0 = nowNanos()
            for i in idx { _ = engine.scan(items[i].bytes, target: items[i].target) }
            let dt = Double(nowNanos() - t0)
            costBoundary(name)
            let bytes = idx.reduce(0) { $0 + items[$1].bytes.count }
            print("group \(padRight(name, 30)) \(pad(String(idx.count), 6)) \(pad(String(bytes), 10)) \(fmt(dt)) \(fmt(dt / Double(idx.count)))")
        }
        guard perRule else { return }
        // Per rule: the whole corpus with only that rule (gates and views still run), after a
        // baseline with no rule at all; a rule's cost is its step minus the baseline. Both
        // filters hold one id (`ruleFilter`), so the baseline pays the filter's look-ups too.
        let none = ruleFilter("")
        let t0 = nowNanos()
        for (b, t) in items { _ = engine.scan(b, target: t, only: none) }
        print("rule-baseline \(fmt(Double(nowNanos() - t0)))")
        costBoundary("rule-baseline")
        for rule in engine.ruleSet.rules {
            let only: Set<String> = [rule.id]
            let t1 = nowNanos()
            for (b, t) in items { _ = engine.scan(b, target: t, only: only) }
            print("rule \(rule.id) \(fmt(Double(nowNanos() - t1)))")
            costBoundary(rule.id)
        }
    }
}

/// The rule filter of `--only LIST` (comma-separated ids). An empty list gives a set holding one
/// id no rule has rather than an empty set: the engine asks the filter about every selected
/// rule, and on the 20,000-message corpus a one-id set cost about 12 ms more than an empty one,
/// which a no-rule baseline would otherwise leave in every one-rule measurement.
func ruleFilter(_ list: String) -> Set<String> {
    let ids = Set(list.split(separator: ",").map(String.init))
    return ids.isEmpty ? ["\u{0}no rule"] : ids
}

/// Ends one measured step (see `CorpusCosts`); never inlined so callgrind can dump after it.
@inline(never)
func costBoundary(_ label: String) {
    costBoundarySink &+= label.utf8.count
}

nonisolated(unsafe) var costBoundarySink = 0
