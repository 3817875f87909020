import ArgumentParser
import Foundation
import Parapet
import ParapetTestKit

/// `parapet test`: runs every rule's examples, the corpus, budgets and (optionally) mutations;
/// closes with `N passed, N failed`.
struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Compile the rule packs and run every rule's examples and the corpus expectations.",
        discussion: """
        Checks: each rule's match/no_match/todo_match examples; corpus JSONL cases (./corpus by \
        default, or --corpus DIR, plus any .jsonl PATH); false-positive budgets (max_fp_rate) on \
        corpus/benign/ and --benign files; with --mutate, evasion mutants of every positive \
        example (min_mutation_survival). Exit 0 all passed, 1 a check failed, 2 bad rules or flags.
        """
    )

    @OptionGroup var rules: RuleOptions

    @Option(name: .customLong("filter"), help: ArgumentHelp("Only this rule.", valueName: "RULE_ID"))
    var ruleFilter: String?

    @Option(name: .customLong("corpus"), help: ArgumentHelp("Corpus directory or .jsonl file (repeatable; default ./corpus if it exists).", valueName: "DIR"))
    var corpusDirs: [String] = []

    @Option(name: .customLong("benign"), help: ArgumentHelp("Benign JSONL for false-positive budgets (repeatable).", valueName: "FILE"))
    var benignFiles: [String] = []

    @Flag(help: "Apply evasion mutators to every positive example and report survival.")
    var mutate = false

    @Flag(help: "Time each rule alone over the corpus, slowest first.")
    var profile = false

    @Flag(help: "Print the results as one JSON object on stdout (the closing line goes to stderr).")
    var json = false

    @Option(help: ArgumentHelp("Also write JUnit XML to FILE.", valueName: "FILE"))
    var junit: String?

    @Flag(help: "List passing checks too.")
    var verbose = false

    @Argument(help: "Rule directories or files (like --rules); .jsonl files are corpus files.")
    var paths: [String] = []

    func run() throws {
        var opts = rules
        opts.ruleDirs += paths.filter { !$0.hasSuffix(".jsonl") }
        let guardian = try opts.makeGuard()

        var options = TestOptions()
        options.ruleFilter = ruleFilter
        options.paranoia = rules.paranoia
        options.mutate = mutate
        options.profile = profile
        options.benignFiles = benignFiles
        var roots = corpusDirs
        if roots.isEmpty, FileManager.default.fileExists(atPath: "corpus") { roots = ["corpus"] }
        for root in roots {
            let files = CorpusLoader.files(under: root)
            if files.isEmpty, !FileManager.default.fileExists(atPath: root) {
                StdIO.error("parapet: error: no such corpus: \(root)")
                throw ExitCode(2)
            }
            options.corpusFiles += files.map { ($0, Self.shownName($0, root: root)) }
            options.scenarioDirectories += PolicySuite.scenarioDirectories(under: root + "/tool-calls")
        }
        options.policySources = rules.noDefaultRules ? [] : DefaultPack.policySources
        // Policies sit in a `policies/` folder of a rule directory, as in the default pack.
        for dir in opts.ruleDirs {
            let policies = dir.hasSuffix("/policies") || dir == "policies" ? dir : dir + "/policies"
            guard FileManager.default.fileExists(atPath: policies) else { continue }
            do { options.policySources += try RuleSource.loadPolicies(from: policies) } catch {
                StdIO.error(error.description)
                throw ExitCode(2)
            }
        }
        options.contentChecker = guardian.toolArgumentChecker
        options.corpusFiles += paths.filter { $0.hasSuffix(".jsonl") }.map { ($0, $0) }
        for file in benignFiles where !FileManager.default.isReadableFile(atPath: file) {
            StdIO.error("parapet: error: cannot read \(file)")
            throw ExitCode(2)
        }

        let run = RuleTestSuite.run(engine: guardian.engine, options: options)
        if let junit {
            do { try JUnitWriter.render(run).write(toFile: junit, atomically: true, encoding: .utf8) } catch {
                StdIO.error("parapet: error: cannot write \(junit): \(error.localizedDescription)")
                throw ExitCode(2)
            }
        }
        if json {
            StdIO.write(TestRunJSON.render(run) + "\n")
            StdIO.error(run.report.summaryLine)
        } else {
            StdIO.write(TestRunText.lines(run, verbose: verbose).joined(separator: "\n") + "\n")
        }
        if run.report.failed > 0 { throw ExitCode(1) }
    }

    /// `root/rel` as the user spelled root, so messages point at paths they recognise.
    static func shownName(_ path: String, root: String) -> String {
        let base = URL(fileURLWithPath: root).standardizedFileURL.path
        let full = URL(fileURLWithPath: path).standardizedFileURL.path
        guard full.hasPrefix(base + "/") else { return path }
        let trimmed = root.hasSuffix("/") ? String(root.dropLast()) : root
        return trimmed + full.dropFirst(base.count)
    }
}
