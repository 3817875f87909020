import ArgumentParser
import Parapet

/// Resource limits and the fail mode, for operators who run the CLI as a filter (defaults: docs/limits.md).
struct LimitOptions: ParsableArguments {
    @Option(name: .customLong("fail-mode"), help: ArgumentHelp("What a reached limit does: closed (block, the default) or open (let through, marked).", valueName: "MODE"))
    var failMode: FailMode?

    @Option(name: .customLong("max-input-bytes"), help: ArgumentHelp("Longest message scanned; longer ones are a limit hit (default 1048576).", valueName: "N"))
    var maxInputBytes: Int?

    @Option(name: .customLong("match-limit"), help: ArgumentHelp("PCRE2 backtracking steps per search (default 1000000).", valueName: "N"))
    var matchLimit: UInt32?

    @Option(name: .customLong("max-work-bytes"), help: ArgumentHelp("Work budget per scan: bytes handed to patterns and detectors (default 268435456).", valueName: "N"))
    var maxWorkBytes: Int?

    @Option(name: .customLong("scan-timeout-ms"), help: ArgumentHelp("Wall-clock budget per scan in milliseconds (default: none).", valueName: "MS"))
    var scanTimeoutMs: Int?

    @Option(name: .customLong("max-findings"), help: ArgumentHelp("Findings kept per scan (default 256).", valueName: "N"))
    var maxFindings: Int?

    @Option(name: .customLong("decode-depth"), help: ArgumentHelp("Nested encodings followed (default 3).", valueName: "N"))
    var decodeDepth: Int?

    @Option(name: .customLong("threshold"), help: ArgumentHelp("Anomaly score that blocks, for every target (default 5).", valueName: "N"))
    var threshold: Int?

    func validate() throws {
        for (name, value) in [("--max-input-bytes", maxInputBytes), ("--max-work-bytes", maxWorkBytes), ("--scan-timeout-ms", scanTimeoutMs),
                              ("--max-findings", maxFindings), ("--threshold", threshold)] {
            if let value, value < 1 { throw ValidationError("\(name) must be at least 1") }
        }
        if let matchLimit, matchLimit < 1 { throw ValidationError("--match-limit must be at least 1") }
        if let decodeDepth, decodeDepth < 0 || decodeDepth > 16 { throw ValidationError("--decode-depth must be 0...16") }
    }

    /// `config` with the limits given on the command line.
    func apply(to config: EngineConfig) -> EngineConfig {
        var c = config
        if let failMode { for t in Target.allCases { c.failModes[t] = failMode } }
        if let maxInputBytes { c.maxInputBytes = maxInputBytes }
        if let matchLimit { c.matchLimits.matchLimit = matchLimit }
        if let maxWorkBytes { c.maxWorkBytes = maxWorkBytes }
        if let scanTimeoutMs { c.maxScanDuration = .milliseconds(scanTimeoutMs) }
        if let maxFindings { c.maxFindings = maxFindings }
        if let decodeDepth { c.viewOptions.decodeDepth = decodeDepth }
        if let threshold { for t in Target.allCases { c.thresholds[t] = threshold } }
        return c
    }
}

extension FailMode: ExpressibleByArgument {}
