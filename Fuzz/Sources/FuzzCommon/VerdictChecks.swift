import Parapet

/// Engines shared by every input of one fuzzing process (compiling per input would be all the fuzzer did).
public enum FuzzEngines {
    /// The default pack at paranoia 4 with small limits, so limit paths are reached often.
    public static let tight: Engine = {
        var config = EngineConfig(defaultParanoia: 4, maxInputBytes: 4096, maxFindings: 8)
        config.matchLimits = MatchLimits(matchLimit: 20_000, depthLimit: 1_000, heapLimitKiB: 1_000, jitStackBytes: 64 << 10)
        config.viewOptions = ViewOptions(decodeDepth: 2, maxDecodeExpansion: 2, maxDecodedBytes: 8192)
        return Engine(ruleSet: try! RuleCompiler(registry: .standard).compile(DefaultPack.ruleSources), config: config)
    }()

    /// The default pack with the default configuration, failing open so decisions come from rules.
    public static let standard: Engine = {
        let targets: [Target: FailMode] = Dictionary(uniqueKeysWithValues: Target.allCases.map { ($0, .open) })
        let config = EngineConfig(failModes: targets)
        return Engine(ruleSet: try! RuleCompiler(registry: .standard).compile(DefaultPack.ruleSources), config: config)
    }()
}

/// Checks what must hold for every verdict, whatever the input.
public func checkVerdict(_ v: Verdict, input: [UInt8], config: EngineConfig) {
    let scanned = min(input.count, config.maxInputBytes)
    require(v.findings.count <= config.maxFindings, "\(v.findings.count) findings kept over the cap \(config.maxFindings)")
    for f in v.findings {
        require(f.start >= 0 && f.start <= f.end && f.end <= scanned, "finding \(f.rule) range \(f.start)..<\(f.end) outside 0..<\(scanned)")
    }
    require(v.score >= 0, "negative score \(v.score)")
    if !v.limits.isEmpty {
        require(v.failMode != nil, "limit hit without a fail mode")
        if v.failMode == .closed { require(v.decision == .block, "fail-closed limit hit but decision \(v.decision)") }
    } else {
        require(v.failMode == nil, "fail mode set without a limit")
    }
    if v.score >= v.threshold { require(v.decision == .block, "score \(v.score) >= threshold but \(v.decision)") }
    if v.decision == .sanitize { require(v.sanitized != nil, "sanitize without sanitized text") }
    if let s = v.sanitized {
        // Redaction replaces spans with their labels (a rule's redact_as can be long), and
        // role-token neutralizing adds one escape per token, so the text may grow by at most the
        // labels of the kept redactions plus the escapes the neutralizer would add to the input.
        let labels = v.findings.filter { $0.action == .redact }.reduce(0) { $0 + $1.excerpt.utf8.count }
        let prefix = Array(input.prefix(scanned))
        let escapes = RoleTokenNeutralizer.neutralize(prefix).bytes.count - prefix.count
        require(s.count <= scanned + labels + escapes, "sanitized text grew from \(scanned) to \(s.count) (labels \(labels), escapes \(escapes))")
    }
}
