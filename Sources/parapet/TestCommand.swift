import ArgumentParser
import Foundation
import Parapet
import ParapetTestKit

/// `parapet test`: runs every rule's examples (and the corpus) and closes with `N passed, N failed`.
struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Compile the rule packs and run every rule's examples and the corpus expectations."
    )

    @OptionGroup var rules: RuleOptions

    @Option(name: .customLong("filter"), help: ArgumentHelp("Only this rule.", valueName: "RULE_ID"))
    var ruleFilter: String?

    @Flag(help: "List passing checks too.")
    var verbose = false

    @Argument(help: "Extra rule directories or files to test (like --rules).")
    var paths: [String] = []

    func run() throws {
        var opts = rules
        opts.ruleDirs += paths
        let guardian = try opts.makeGuard()
        let report = ExampleRunner.run(engine: guardian.engine, ruleFilter: ruleFilter)
        for r in report.results where r.failed || r.status == .fixed || verbose {
            StdIO.write(r.line + "\n")
        }
        StdIO.write(report.summaryLine + "\n")
        if report.failed > 0 { throw ExitCode(1) }
    }
}
