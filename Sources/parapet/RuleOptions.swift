import ArgumentParser
import Parapet

/// Options shared by every command that compiles rules.
struct RuleOptions: ParsableArguments {
    @Option(name: .customLong("rules"), help: ArgumentHelp("A rule directory or file to load (repeatable).", valueName: "DIR"))
    var ruleDirs: [String] = []

    @Flag(name: .customLong("no-default-rules"), help: "Do not load the built-in rule packs.")
    var noDefaultRules = false

    @Option(help: ArgumentHelp("Paranoia level 1-4 (1 = fewest false alarms).", valueName: "N"))
    var paranoia: Int?

    @Option(name: .customLong("disable-rule"), help: ArgumentHelp("Do not load this rule; an id or a prefix ending in * (repeatable).", valueName: "RULE"))
    var disabledRules: [String] = []

    @Option(name: .customLong("rule-action"), help: ArgumentHelp("Give rules another action: RULE=flag|redact|block|report (report: a finding with score 0 that never changes the verdict) (repeatable).", valueName: "RULE=ACTION"))
    var ruleActions: [String] = []

    func validate() throws {
        if let p = paranoia, !(1...4).contains(p) { throw ValidationError("--paranoia must be 1, 2, 3 or 4") }
        if case .failure(let e) = RuleOverrides.fromFlags(disable: disabledRules, actions: ruleActions) { throw ValidationError(e.message) }
    }

    /// The `--disable-rule` / `--rule-action` flags as one override list (validated in `validate`).
    var overrides: RuleOverrides {
        (try? RuleOverrides.fromFlags(disable: disabledRules, actions: ruleActions).get()) ?? RuleOverrides()
    }

    /// Compiles the packs or exits 2 with every diagnostic on stderr.
    func makeGuard(config: EngineConfig = EngineConfig()) throws -> Guard {
        var config = config
        if let paranoia { config.defaultParanoia = paranoia }
        // A CLI process is short: JIT-compile only the patterns it runs (same verdicts).
        config.jit = .lazy
        do {
            return try Guard(ruleDirectories: ruleDirs, includeDefaultPack: !noDefaultRules, overrides: overrides, config: config)
        } catch {
            StdIO.error(error.description)
            StdIO.error("parapet: error: \(error.diagnostics.count) problem(s) in rule files")
            throw ExitCode(2)
        }
    }
}

extension Target: ExpressibleByArgument {}
