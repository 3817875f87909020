import ParapetRegex
import ParapetRules
import ParapetText

/// Runs one rule over the views it asks for and records findings and limit hits.
enum RuleEvaluator {
    /// `gate`, when given, says which patterns the literal pass left possible on which view
    /// kind; the others cannot match there and are skipped (findings and their order unchanged).
    static func evaluate(_ rule: CompiledRule, views: ViewSet, context: ScanContext, scratch: MatchScratch, gate: PatternGate? = nil, into c: inout FindingCollector) {
        // Redacting rules need every occurrence; the others only need to know they fired.
        let wantsAll = rule.action(at: c.paranoia) == .redact
        let score = rule.score(at: c.paranoia)
        for kind in rule.views {
            if let gate, !gate.allowsAny(kind) { continue }
            for view in views.views(kind) {
                let passes = rule.patterns.count + (rule.hasDetector ? 1 : 0)
                guard c.spend(view.bytes.count * passes, rule: rule.id) else { return }
                var fired = false
                view.bytes.withUnsafeBufferPointer { buf in
                    for (k, pattern) in rule.patterns.enumerated() {
                        if let gate, !gate.allows(kind, pattern: k) { continue }
                        let useGroup = pattern.captureCount >= 1
                        let limit = pattern.forEachMatch(in: buf, scratch: scratch) { whole in
                            // Group 1, when the pattern has one, marks the sensitive part (the value, not the key).
                            let span = useGroup ? (pattern.captureRange(1, scratch: scratch) ?? whole) : whole
                            let slice = view.bytes[span]
                            if !rule.allowlist.isEmpty, rule.allowlist.contains(Array(slice)) { return true }
                            if let v = rule.validator, !v.check(slice) { return true }
                            c.add(rule: rule, view: view, span: span, score: score, note: nil)
                            fired = true
                            return wantsAll
                        }
                        if let limit {
                            c.limits.append(LimitHit(kind: limit, rule: rule.id, detail: "pattern of rule \(rule.id) stopped on the \(view.kind.rawValue) view"))
                        }
                        if fired && !wantsAll { return }
                    }
                }
                // Called through the rule, not bound to a local: a local copy of the existential
                // cost a value-witness copy and destroy per call (about 4 % of the profile's
                // samples on short prompts).
                if rule.hasDetector, gate?.allows(kind, pattern: 0) ?? true, let hits = rule.detector?.detect(view, context: context) {
                    for hit in hits {
                        c.add(rule: rule, view: view, span: hit.range, score: hit.score ?? score, note: hit.note.isEmpty ? nil : hit.note)
                        fired = true
                        if !wantsAll { break }
                    }
                }
                if fired && !wantsAll { return }
            }
        }
    }
}
