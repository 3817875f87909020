import Foundation
import ParapetEngine
import ParapetJSON
import ParapetRules

/// Runs labelled JSONL datasets through the engine and measures recall, false alarms and latency.
public struct Evaluator: Sendable {
    public let engine: Engine
    public var positiveLabels: Set<String> = ["injection", "jailbreak"]
    public var negativeLabels: Set<String> = ["benign"]
    /// Snippets kept per rule tally.
    public var snippetsPerRule = 3
    /// What counts as "flagged": a verdict that is not allow (default), a block only, or any finding.
    public var flagOn: FlagOn = .notAllow

    /// When a row counts as flagged.
    public enum FlagOn: String, Sendable, CaseIterable {
        case notAllow = "not-allow"
        case block
        case finding
    }

    public init(engine: Engine) { self.engine = engine }

    /// A row counts as flagged per `flagOn` (by default: the verdict is not `allow`).
    public func evaluate(file: String, bytes: [UInt8], target: Target, paranoia: Int,
                         progress: ((Int, Int) -> Void)? = nil) -> EvalRun {
        var run = EvalRun(file: file, target: target, paranoia: paranoia)
        run.flagOn = flagOn.rawValue
        var fp: [String: RuleTally] = [:]
        var tp: [String: RuleTally] = [:]
        let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        let clock = ContinuousClock()
        for (i, line) in lines.enumerated() {
            progress?(i, lines.count)
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) { continue }
            guard let row = try? JSONValue.object(JSONParser.parseObject(line)),
                  let text = row[key: "text"]?.stringValue, let label = row[key: "label"]?.stringValue else {
                run.badLines.append("\(file):\(i + 1): not an object with string fields \"text\" and \"label\"")
                continue
            }
            let rowTarget = row[key: "target"]?.stringValue.flatMap(Target.init(rawValue:)) ?? target
            let utf8 = Array(text.utf8)
            let start = clock.now
            let verdict = engine.scan(utf8, target: rowTarget, paranoia: paranoia)
            let elapsed = clock.now - start
            run.latenciesMicros.append(Double(elapsed.components.attoseconds) / 1e12 + Double(elapsed.components.seconds) * 1e6)
            let flagged: Bool
            switch flagOn {
            case .notAllow: flagged = verdict.decision != .allow
            case .block: flagged = verdict.decision == .block
            case .finding: flagged = !verdict.findings.isEmpty
            }
            run.labels[label, default: LabelTally(label: label)].rows += 1
            if flagged { run.labels[label]!.flagged += 1 }
            if !verdict.findings.isEmpty { run.labels[label]!.withFinding += 1 }
            let positive = positiveLabels.contains(label)
            guard positive || negativeLabels.contains(label) else {
                run.otherLabels[label, default: OtherLabelTally(label: label)].rows += 1
                if flagged { run.otherLabels[label]!.flagged += 1 }
                continue
            }
            run.overall.add(positive: positive, flagged: flagged)
            let family = row[key: "family"]?.stringValue ?? "(none)"
            run.families[family, default: Confusion()].add(positive: positive, flagged: flagged)
            if let source = row[key: "source"]?.stringValue {
                run.sources[source, default: Confusion()].add(positive: positive, flagged: flagged)
            }
            if flagged {
                for rule in verdict.ruleIDs {
                    if positive { tally(&tp, rule, text) } else { tally(&fp, rule, text) }
                }
            }
        }
        progress?(lines.count, lines.count)
        run.falsePositiveRules = fp.values.sorted { ($0.count, $1.rule) > ($1.count, $0.rule) }
        run.truePositiveRules = tp.values.sorted { ($0.count, $1.rule) > ($1.count, $0.rule) }
        return run
    }

    private func tally(_ table: inout [String: RuleTally], _ rule: String, _ text: String) {
        var t = table[rule] ?? RuleTally(rule: rule, count: 0, snippets: [])
        t.count += 1
        if t.snippets.count < snippetsPerRule {
            let flat = text.replacingOccurrences(of: "\n", with: " ")
            t.snippets.append(flat.count > 160 ? String(flat.prefix(160)) + "…" : flat)
        }
        table[rule] = t
    }
}
