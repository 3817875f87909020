import ParapetRegex
import ParapetRules
import ParapetText

/// Accumulates findings for one scan and turns them into a verdict (anomaly scoring).
struct FindingCollector {
    let target: Target
    /// The scan's paranoia level: it picks each rule's score and action (`escalate:`).
    let paranoia: Int
    let maxFindings: Int
    var findings: [Finding] = []
    var limits: [LimitHit] = []
    private var seen = Set<SpanKey>()
    /// Keyed by the compiled rule object (one per rule id): hashing a pointer, not the id's text.
    private var ruleScores: [ObjectIdentifier: Int] = [:]
    private var dropped = 0
    private var workLeft: Int
    /// Boxed: `ContinuousClock.Instant` comes from a library built for evolution, so a stored
    /// instant made the whole collector a type of unknown layout, reached through runtime
    /// metadata wherever a rule ran. Nil without a deadline, which is what `spend` tests.
    private let deadline: Deadline?

    private final class Deadline: Sendable {
        let instant: ContinuousClock.Instant
        init(_ instant: ContinuousClock.Instant) { self.instant = instant }
    }
    /// Set once the work budget or deadline is spent; the engine then stops running rules.
    private(set) var outOfBudget = false
    /// Whether a rule with its own `sanitize:` steps found something: only then does the engine
    /// look the verdict's rules up for steps (hashing every finding's id cost ~1.5k
    /// instructions a scan, almost always to find none).
    private(set) var anyRuleSanitizes = false

    private struct SpanKey: Hashable { let rule: ObjectIdentifier; let start: Int; let end: Int }

    init(target: Target, paranoia: Int = 1, maxFindings: Int, maxWorkBytes: Int = .max, maxDuration: Duration? = nil) {
        self.target = target
        self.paranoia = paranoia
        self.maxFindings = maxFindings
        self.workLeft = maxWorkBytes
        self.deadline = maxDuration.map { Deadline(ContinuousClock.now + $0) }
    }

    /// Charges one pass over `bytes` bytes to the work budget; false (and a limit hit, once)
    /// when the budget or the deadline is spent, so the pass must not run.
    mutating func spend(_ bytes: Int, rule: String) -> Bool {
        if outOfBudget { return false }
        workLeft -= bytes
        var detail: String?
        if workLeft < 0 {
            detail = "work budget spent before rule \(rule); later rules did not run"
        } else if let deadline, ContinuousClock.now > deadline.instant {
            detail = "scan deadline passed before rule \(rule); later rules did not run"
        }
        guard let detail else { return true }
        outOfBudget = true
        limits.append(LimitHit(kind: .workBudget, rule: rule, detail: detail))
        return false
    }

    /// Whether `rule` has found something in this scan (kept or over the findings cap).
    func hasFindings(of rule: CompiledRule) -> Bool { ruleScores[ObjectIdentifier(rule)] != nil }

    mutating func add(rule: CompiledRule, view: TextView, span: Range<Int>, score: Int, note: String?) {
        let original = view.originalRange(span)
        let key = ObjectIdentifier(rule)
        guard seen.insert(SpanKey(rule: key, start: original.lowerBound, end: original.upperBound)).inserted else { return }
        ruleScores[key] = max(ruleScores[key] ?? 0, score)
        if rule.hasSanitize { anyRuleSanitizes = true }
        guard findings.count < maxFindings else {
            dropped += 1
            return
        }
        let action = rule.action(at: paranoia)
        let masked = action == .redact
        let excerpt = masked ? "[REDACTED:\(rule.placeholderLabel)]" : Self.excerpt(view.bytes, span)
        findings.append(Finding(
            rule: rule.id, target: target, start: original.lowerBound, end: original.upperBound,
            score: score, action: action, view: view.kind, chain: view.chain,
            excerpt: excerpt, note: note))
    }

    /// At most 80 bytes of the matched view text, cut on a character boundary.
    static func excerpt(_ bytes: [UInt8], _ span: Range<Int>) -> String {
        var end = min(span.upperBound, span.lowerBound + 80)
        while end < span.upperBound, end > span.lowerBound, bytes[end] & 0xC0 == 0x80 { end -= 1 }
        let s = String(decoding: bytes[span.lowerBound..<end], as: UTF8.self)
        return end < span.upperBound ? s + "…" : s
    }

    func verdict(original: [UInt8], paranoia: Int, threshold: Int, failMode: FailMode) -> Verdict {
        var limits = self.limits
        if dropped > 0 {
            limits.append(LimitHit(kind: .findingsCap, rule: nil, detail: "\(dropped) more findings beyond the cap of \(maxFindings) were counted but not kept"))
        }
        let score = ruleScores.values.reduce(0, +)
        let redactions = findings.filter { $0.action == .redact }
        var decision: Decision = .allow
        if score >= threshold || findings.contains(where: { $0.action == .block }) {
            decision = .block
        } else if !redactions.isEmpty {
            decision = .sanitize
        }
        var applied: FailMode?
        if !limits.isEmpty {
            applied = failMode
            if failMode == .closed { decision = .block }
        }
        let sanitized = redactions.isEmpty ? nil : Self.redact(original, redactions)
        let ordered = findings.sorted { ($0.start, $0.end, $0.rule) < ($1.start, $1.end, $1.rule) }
        return Verdict(decision: decision, target: target, paranoia: paranoia, score: score, threshold: threshold,
                       findings: ordered, sanitized: sanitized, limits: limits, failMode: applied)
    }

    /// Replaces each redacted span with `[REDACTED:label]`; overlapping spans merge, other bytes stay.
    static func redact(_ bytes: [UInt8], _ findings: [Finding]) -> [UInt8] {
        Redactor.redact(bytes, spans: findings.map { ($0.range, $0.excerpt) }, conflict: "[REDACTED]")
    }
}
