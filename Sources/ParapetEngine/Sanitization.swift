import ParapetRules
import ParapetText

/// Applies the sanitizing transforms a verdict calls for (per target, and per rule that fired)
/// to the text to forward, after redactions; blocked verdicts are left alone.
enum Sanitization {
    static func apply(_ v: Verdict, original: [UInt8], steps: [SanitizeStep], limit: LengthLimit?) -> Verdict {
        guard v.decision != .block else { return v }
        var text = v.sanitized ?? original
        var changed = v.sanitized != nil
        for step in SanitizeStep.allCases where steps.contains(step) {
            let result = step == .stripInvisibles ? InvisibleStripper.strip(text) : RoleTokenNeutralizer.neutralize(text)
            if result.didChange {
                text = result.bytes
                changed = true
            }
        }
        var findings = v.findings
        if let limit {
            let cut = LengthLimiter.limit(text, maxBytes: limit.maxBytes, maxTokens: limit.maxTokens)
            if cut.truncated {
                // The cut point is exact in the original when nothing before it changed lengths.
                let start = changed ? 0 : cut.bytes.count
                findings.append(Finding(
                    rule: "parapet.length-limit", target: v.target, start: start, end: original.count, score: 0,
                    action: .redact, view: .raw, chain: [],
                    excerpt: "truncated \(cut.originalBytes) to \(cut.bytes.count) bytes (~\(cut.estimatedTokens) tokens)", note: nil))
                text = cut.bytes
                changed = true
            }
        }
        guard changed else { return v }
        return Verdict(decision: max(v.decision, .sanitize), target: v.target, paranoia: v.paranoia, score: v.score,
                       threshold: v.threshold, findings: findings, sanitized: text, limits: v.limits, failMode: v.failMode)
    }
}
