import Foundation
import ParapetJSON
import ParapetPolicy
import ParapetRules

/// Runs tool policies' own examples and the tool-call scenarios of `corpus/tool-calls/`.
public enum PolicySuite {
    /// Each policy's `examples`; a policy that fails to load fails with its diagnostics.
    public static func runExamples(_ sources: [RuleSource], contentChecker: (any ContentChecker)?) -> [TestResult] {
        var results: [TestResult] = []
        for source in sources {
            do {
                let policy = try PolicyParser.parse(source)
                for r in PolicyExampleRunner.run(policy, contentChecker: contentChecker) {
                    results.append(TestResult(kind: .policy, status: r.passed ? .passed : .failed, ruleID: policy.name,
                                              location: r.example.location, message: r.message))
                }
            } catch {
                results += error.diagnostics.map {
                    TestResult(kind: .policy, status: .failed, ruleID: nil, location: $0.location, message: "\($0.code.rawValue): \($0.message)")
                }
            }
        }
        return results
    }

    /// Scenario folders under `root` that hold a `policy.yaml` and a `calls.jsonl`.
    public static func scenarioDirectories(under root: String) -> [String] {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: root) else { return [] }
        return names.sorted().map { root + "/" + $0 }.filter {
            fm.fileExists(atPath: $0 + "/policy.yaml") && fm.fileExists(atPath: $0 + "/calls.jsonl")
        }
    }

    /// Decides each line of `calls.jsonl` in order (sessions carry taint between lines):
    /// `benign` calls must be allowed, `attack` calls denied or sent to ask.
    public static func runScenario(_ dir: String, contentChecker: (any ContentChecker)?) -> [TestResult] {
        let policyPath = dir + "/policy.yaml"
        let callsPath = dir + "/calls.jsonl"
        let policy: ToolPolicy
        do { policy = try PolicyParser.load(path: policyPath) } catch {
            return error.diagnostics.map {
                TestResult(kind: .policy, status: .failed, ruleID: nil, location: $0.location, message: "\($0.code.rawValue): \($0.message)")
            }
        }
        guard let data = FileManager.default.contents(atPath: callsPath) else {
            return [TestResult(kind: .policy, status: .failed, ruleID: nil, location: SourceLocation(file: callsPath, line: 1, column: 1), message: "cannot read file")]
        }
        let engine = PolicyEngine(policy: policy, clock: ManualClock(), contentChecker: contentChecker)
        var results: [TestResult] = []
        for (i, line) in [UInt8](data).split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x0D }) { continue }
            let loc = SourceLocation(file: callsPath, line: i + 1, column: 1)
            let parsed = try? JSONParser.parse(line)
            let label = parsed?[key: "label"]?.stringValue
            let todo = parsed?[key: "todo"]?.stringValue
            guard label == "benign" || label == "attack" else {
                results.append(TestResult(kind: .policy, status: .failed, ruleID: nil, location: loc, message: "\"label\" must be \"benign\" or \"attack\""))
                continue
            }
            let d = engine.decide(json: Array(line))
            let ok = label == "benign" ? d.effect == .allow : d.effect != .allow
            let tool = parsed?[key: "tool"]?.stringValue ?? "?"
            let want = label == "benign" ? "allow" : "deny or ask"
            // A `todo` line is a known gap: reported, not failed; reported as fixed once it holds.
            let status: TestResult.Status = todo == nil ? (ok ? .passed : .failed) : (ok ? .fixed : .todo)
            let message = ok ? "\(tool): \(d.effect.rawValue) by \(d.rule)" + (todo == nil ? "" : " (fixed: remove the todo)")
                : "\(tool) (\(label!)): expected \(want), got \(d.effect.rawValue) by \(d.rule) (\(d.reason))" + (todo.map { "; known gap: \($0)" } ?? "")
            results.append(TestResult(kind: .policy, status: status, ruleID: policy.name, location: loc, message: message))
        }
        return results
    }
}
