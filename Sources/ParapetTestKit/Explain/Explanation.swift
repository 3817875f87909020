import ParapetEngine
import ParapetRules
import ParapetText

/// Everything `parapet explain` shows about one text: views, findings, scores per paranoia level.
public struct Explanation: Sendable {
    /// One view the engine built (or would build) of the text.
    public struct View: Sendable {
        public var kind: ViewKind
        public var chain: [String]
        public var byteCount: Int
        public var preview: String
    }

    /// How the text fares at one paranoia level.
    public struct Level: Sendable {
        public var paranoia: Int
        public var score: Int
        public var threshold: Int
        public var decision: Decision
        public var rules: [String]
    }

    /// One rule's (or detector's) contribution: its findings and the score it adds once.
    public struct Contribution: Sendable {
        public var ruleID: String
        public var score: Int
        public var paranoia: Int
        public var action: RuleAction
        /// `pattern`, or `detector <name>`.
        public var source: String
        public var findings: [Finding]
    }

    public var original: [UInt8]
    public var target: Target
    public var views: [View]
    public var contributions: [Contribution]
    public var levels: [Level]
    public var limits: [LimitHit]

    /// Builds the explanation: every view kind, a scan at each level 1–4, findings from level 4.
    public static func build(engine: Engine, text: [UInt8], target: Target) -> Explanation {
        let set = ViewSet(text, options: engine.config.viewOptions)
        var views: [View] = []
        for kind in ViewKind.allCases {
            for v in set.views(kind) {
                views.append(View(kind: kind, chain: v.chain, byteCount: v.bytes.count, preview: Snippet.of(String(decoding: v.bytes, as: UTF8.self), limit: 60)))
            }
        }
        var levels: [Level] = []
        var full: Verdict?
        for pl in 1...4 {
            let v = engine.scan(text, target: target, paranoia: pl)
            levels.append(Level(paranoia: pl, score: v.score, threshold: v.threshold, decision: v.decision, rules: v.ruleIDs))
            if pl == 4 { full = v }
        }
        var contributions: [Contribution] = []
        for id in full!.ruleIDs {
            guard let rule = engine.ruleSet.rule(id) else { continue }
            let findings = full!.findings.filter { $0.rule == id }
            contributions.append(Contribution(
                ruleID: id, score: findings.map(\.score).max() ?? rule.spec.score, paranoia: rule.spec.paranoia,
                action: rule.spec.action, source: rule.spec.detector.map { "detector \($0.name)" } ?? "pattern", findings: findings))
        }
        return Explanation(original: text, target: target, views: views, contributions: contributions, levels: levels, limits: full!.limits)
    }
}
