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

    func validate() throws {
        if let p = paranoia, !(1...4).contains(p) { throw ValidationError("--paranoia must be 1, 2, 3 or 4") }
    }

    /// Compiles the packs or exits 2 with every diagnostic on stderr.
    func makeGuard(config: EngineConfig = EngineConfig()) throws -> Guard {
        var config = config
        if let paranoia { config.defaultParanoia = paranoia }
        // A CLI process is short: JIT-compile only the patterns it runs (same verdicts).
        config.jit = .lazy
        do {
            return try Guard(ruleDirectories: ruleDirs, includeDefaultPack: !noDefaultRules, config: config)
        } catch {
            StdIO.error(error.description)
            StdIO.error("parapet: error: \(error.diagnostics.count) problem(s) in rule files")
            throw ExitCode(2)
        }
    }
}

extension Target: ExpressibleByArgument {}
