import ParapetOutput

/// Validates model output as it streams: feed chunks, get back the bytes that are safe to release.
///
/// The validator holds back the last `holdBack` bytes (the longest `max_span` of any active output
/// rule), because a match still growing at the end of the buffer can only start inside that tail.
/// Each feed rescans a sliding window (released look-behind + pending bytes), so memory stays
/// bounded by about two hold-backs plus one chunk. A redaction that straddles the release point
/// holds the release back to the redaction's start. For output that the batch scan allows or
/// sanitizes, the concatenated releases equal the batch output byte for byte. When a finding
/// blocks (a `block` rule, or the anomaly score reaching the threshold) the stream stops: the bytes
/// of that finding, and everything after them, are never released.
public struct OutputStreamValidator: Sendable {
    public let engine: Engine
    public let paranoia: Int
    public let context: ScanContext
    /// Bytes kept back at the end of the buffer until more input (or the end) arrives.
    public let holdBack: Int
    /// Pending bytes beyond the hold-back that trigger a rescan (latency vs. CPU; output is the same).
    public let releaseStep: Int

    private var window: [UInt8] = []
    /// Absolute offset (in the whole stream) of `window[0]`.
    private var windowStart = 0
    /// Absolute offset up to which output has been released.
    private var released = 0
    private var ruleScores: [String: Int] = [:]
    private var seen = Set<StreamFinding>()
    /// Settled findings so far, with offsets into the whole stream (the first `engine.config.maxFindings`).
    public private(set) var findings: [StreamFinding] = []
    /// Settled findings beyond the cap: counted, not kept, so a long stream cannot grow memory.
    public private(set) var droppedFindings = 0
    /// Settled redactions so far (kept or not), for callers that cannot rewrite released text.
    public private(set) var redactions = 0
    public private(set) var isBlocked = false
    public private(set) var isFinished = false
    /// The verdict of the latest window scan (offsets relative to that window), for callers that
    /// report verdicts (metrics, audit) or cut a stream on the first redaction.
    public private(set) var lastScan: Verdict?

    /// Used for a rule without a declared `max_span` (output rules must declare one; see `rulesMissingMaxSpan`).
    public static let fallbackSpan = 4096

    public init(engine: Engine, paranoia: Int? = nil, context: ScanContext? = nil) {
        self.engine = engine
        self.paranoia = min(4, max(1, paranoia ?? engine.config.defaultParanoia))
        self.context = context ?? ScanContext(target: .output)
        self.holdBack = Self.holdBack(engine: engine, paranoia: self.paranoia)
        self.releaseStep = max(1, min(1024, self.holdBack / 16))
    }

    public init(guard g: Guard, paranoia: Int? = nil, context: ScanContext? = nil) {
        self.init(engine: g.engine, paranoia: paranoia, context: context)
    }

    /// The longest `max_span` (or detector span) over the rules active for output at `paranoia`.
    public static func holdBack(engine: Engine, paranoia: Int) -> Int {
        engine.activeRules(target: .output, paranoia: paranoia)
            .map { $0.spec.maxSpan ?? $0.detector?.maxSpan ?? fallbackSpan }
            .max() ?? 0
    }

    /// Output rules that declare no `max_span` (a lint: streaming needs a bound for each of them).
    public static func rulesMissingMaxSpan(engine: Engine) -> [String] {
        engine.ruleSet.rules.filter { $0.spec.appliesTo.contains(.output) && $0.spec.maxSpan == nil }.map(\.id)
    }

    /// Sum of the per-rule scores settled so far.
    public var score: Int { ruleScores.values.reduce(0, +) }

    /// Adds a chunk; returns the bytes now safe to release (empty once blocked).
    public mutating func feed(_ chunk: some Collection<UInt8>) -> [UInt8] {
        guard !isBlocked, !isFinished else { return [] }
        window.append(contentsOf: chunk)
        // Nothing can be released until more than a hold-back is pending; and rescanning the window for
        // every tiny chunk would cost O(window) per token, so release in steps of `releaseStep` bytes.
        guard windowStart + window.count - released >= holdBack + releaseStep else { return [] }
        return process(final: false)
    }

    /// Ends the stream; returns the remaining releasable bytes.
    public mutating func finish() -> [UInt8] {
        guard !isBlocked, !isFinished else { return [] }
        defer { isFinished = true }
        return process(final: true)
    }

    private mutating func process(final: Bool) -> [UInt8] {
        let verdict = engine.scan(window, target: .output, paranoia: paranoia, context: context)
        lastScan = verdict
        let windowEnd = windowStart + window.count
        var safeEnd = final ? windowEnd : max(released, windowEnd - holdBack)
        // Findings inside already released bytes were settled by an earlier window.
        let fresh = verdict.findings.filter { windowStart + $0.start >= released }
        var moved = true
        while moved {
            moved = false
            for f in fresh where f.action == .redact {
                let s = windowStart + f.start, e = windowStart + f.end
                if s < safeEnd && e > safeEnd { safeEnd = s; moved = true }
            }
        }
        safeEnd = max(safeEnd, released)
        var spans: [StreamFinding] = []
        for f in fresh where windowStart + f.start < safeEnd || final {
            let abs = StreamFinding(f, offset: windowStart)
            ruleScores[f.rule] = max(ruleScores[f.rule] ?? 0, f.score)
            if f.action == .block { isBlocked = true }
            if f.action == .redact { spans.append(abs) }
            if seen.insert(abs).inserted {
                if f.action == .redact { redactions += 1 }
                if findings.count < engine.config.maxFindings { findings.append(abs) } else { droppedFindings += 1 }
            }
        }
        if !verdict.limits.isEmpty && engine.config.failMode(for: .output) == .closed { isBlocked = true }
        if score >= engine.config.threshold(for: .output) { isBlocked = true }
        if isBlocked { return [] }
        let out = Self.redact(window, from: released - windowStart, to: safeEnd - windowStart, spans, offset: windowStart)
        released = safeEnd
        // Only findings starting at or after `released` can be seen again; forget the rest.
        if !seen.isEmpty { seen = seen.filter { $0.range.lowerBound >= released } }
        // Keep one hold-back of released text as look-behind context, cut on a character boundary.
        var keepFrom = max(0, released - holdBack) - windowStart
        while keepFrom > 0, keepFrom < window.count, window[keepFrom] & 0xC0 == 0x80 { keepFrom -= 1 }
        if keepFrom > 0 {
            window.removeFirst(keepFrom)
            windowStart += keepFrom
        }
        return out
    }

    /// Bytes `lo..<hi` of `bytes` with redacted spans replaced by their labels (overlaps merge, as in batch).
    static func redact(_ bytes: [UInt8], from lo: Int, to hi: Int, _ findings: [StreamFinding], offset: Int) -> [UInt8] {
        // Spans relative to the released window [lo, hi); only those wholly inside it count.
        let spans = findings.map { (($0.range.lowerBound - offset - lo)..<($0.range.upperBound - offset - lo), $0.label) }
            .filter { $0.0.lowerBound >= 0 && $0.0.upperBound <= hi - lo }
        return Redactor.redact(Array(bytes[lo..<hi]), spans: spans, conflict: "[REDACTED]")
    }
}

/// A settled stream finding, located in the whole stream (not in one window).
public struct StreamFinding: Sendable, Hashable {
    public let rule: String
    public let range: Range<Int>
    public let action: RuleAction
    public let score: Int
    /// `[REDACTED:label]` for redactions, otherwise a short excerpt (redacting rules never echo the match).
    public let label: String

    init(_ f: Finding, offset: Int) {
        rule = f.rule
        range = (f.start + offset)..<(f.end + offset)
        action = f.action
        score = f.score
        label = f.excerpt
    }
}

extension Guard {
    /// A fresh canary token (`pcy-` + 20 random characters) to plant in a system prompt; pass it in
    /// `ScanContext.canaries` when validating output, and any echo of it is blocked.
    public static func mintCanary() -> String { Canary.mint() }

    /// Starts a streaming output validation with this guard's rules.
    public func outputStream(paranoia: Int? = nil, context: ScanContext? = nil) -> OutputStreamValidator {
        OutputStreamValidator(guard: self, paranoia: paranoia, context: context)
    }
}
