import Parapet

/// Builds engines from inline rules for the limit, ReDoS and concurrency tests.
enum LimitsSupport {
    /// One rule file holding one rule per pattern (ids `t.limit.r0`, `t.limit.r1`, ...).
    static func ruleFile(_ patterns: [String], views: [String] = ["raw"], action: String = "flag", score: Int = 1,
                         targets: [Target] = Target.allCases) -> String {
        var yaml = "rules:\n"
        for (i, p) in patterns.enumerated() {
            yaml += """
              - id: t.limit.r\(i)
                summary: test rule \(i)
                applies_to: [\(targets.map(\.rawValue).joined(separator: ", "))]
                score: \(score)
                action: \(action)
                case_sensitive: true
                views: [\(views.joined(separator: ", "))]
                patterns:
                  - '\(p.replacingOccurrences(of: "'", with: "''"))'

            """
        }
        return yaml
    }

    static func engine(_ patterns: [String], views: [String] = ["raw"], action: String = "flag", score: Int = 1,
                       config: EngineConfig = EngineConfig()) throws -> Engine {
        let yaml = ruleFile(patterns, views: views, action: action, score: score)
        let set = try RuleCompiler(registry: .standard).compile([RuleSource(path: "limits-test.yaml", text: yaml)])
        return Engine(ruleSet: set, config: config)
    }

    /// `config` with every target failing open.
    static func failingOpen(_ config: EngineConfig) -> EngineConfig {
        var c = config
        for t in Target.allCases { c.failModes[t] = .open }
        return c
    }

    static func bytes(_ repeating: String, _ count: Int, then tail: String = "") -> [UInt8] {
        Array(String(repeating: repeating, count: count).utf8) + Array(tail.utf8)
    }
}
