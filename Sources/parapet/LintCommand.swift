import ArgumentParser
import Parapet
import ParapetTestKit

/// `parapet lint`: ReDoS shapes, prefilter literals, example counts, duplicates, ids, scores.
struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check rule files for ReDoS-prone patterns, missing literals, thin examples, duplicates and naming.",
        discussion: """
        Prints file:line:column: severity[CODE]: message, with a help line. Codes: E001-E013 rule \
        file errors, L001-L010 lint (see docs/testing.md). Exit 0 clean or warnings only, 1 any \
        error (with --strict: any warning too), 2 bad flags or unreadable paths.
        """
    )

    @Option(name: .customLong("rules"), help: ArgumentHelp("A rule directory or file to lint (repeatable).", valueName: "DIR"))
    var ruleDirs: [String] = []

    @Flag(name: .customLong("no-default-rules"), help: "Do not lint the built-in rule packs.")
    var noDefaultRules = false

    @Flag(help: "Treat warnings as errors.")
    var strict = false

    @Argument(help: "Rule directories or files to lint (like --rules).")
    var paths: [String] = []

    func run() throws {
        var sources = noDefaultRules ? [] : DefaultPack.ruleSources
        for dir in ruleDirs + paths {
            do { sources += try RuleSource.load(from: dir) } catch {
                StdIO.error(error.description)
                throw ExitCode(2)
            }
        }
        let found = RuleLinter.lint(sources, registry: .standard)
        for d in found { StdIO.write(d.description + "\n") }
        let errors = found.filter { $0.severity == .error }.count
        let warnings = found.count - errors
        StdIO.write("\(sources.count) files, \(errors) errors, \(warnings) warnings\n")
        if errors > 0 || (strict && warnings > 0) { throw ExitCode(1) }
    }
}
