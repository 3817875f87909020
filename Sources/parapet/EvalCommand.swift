import ArgumentParser
import Foundation
import Parapet
import ParapetJSON
import ParapetTestKit

/// `parapet eval`: recall, false-positive rate and latency on labelled JSONL datasets.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Measure detection on labelled JSONL datasets ({\"text\", \"label\", \"source\"?, \"family\"?}).",
        discussion: """
        Labels in --positive count as attacks, labels in --negative as benign; any other label is \
        reported on its own. A row counts as flagged when the verdict is not allow (see --flag-on). \
        Every label also gets a line with both counts: flagged, and rows with any finding (score-0 \
        informational flags included), so labels such as secret / near_miss read unambiguously.
        """
    )

    @OptionGroup var rules: RuleOptions

    @Option(name: .customLong("dataset"), help: ArgumentHelp("A labelled JSONL file (repeatable).", valueName: "FILE"))
    var datasets: [String] = []

    @Option(help: "What the texts are: input, context, output or tool_args (a row's own \"target\" wins).")
    var target: Target = .input

    @Flag(name: .customLong("all-paranoia"), help: "Evaluate at paranoia levels 1, 2, 3 and 4.")
    var allParanoia = false

    @Option(help: "Comma-separated labels that count as attacks.")
    var positive = "injection,jailbreak"

    @Option(help: "Comma-separated labels that count as benign.")
    var negative = "benign"

    @Option(name: .customLong("flag-on"), help: "What counts as flagged: not-allow (block or sanitize), block, or finding (any rule fired).")
    var flagOn: Evaluator.FlagOn = .notAllow

    @Flag(help: "Print the report as JSON.")
    var json = false

    @Option(help: ArgumentHelp("How many top rules to list.", valueName: "N"))
    var top = 5

    @Option(help: ArgumentHelp("Also write a self-contained HTML report (charts, confusion matrices) to FILE.", valueName: "FILE.html"))
    var report: String?

    func validate() throws {
        if datasets.isEmpty { throw ValidationError("give at least one --dataset FILE") }
    }

    func run() throws {
        let guardian = try rules.makeGuard()
        var evaluator = Evaluator(engine: guardian.engine)
        evaluator.positiveLabels = Set(positive.split(separator: ",").map(String.init))
        evaluator.negativeLabels = Set(negative.split(separator: ",").map(String.init))
        evaluator.flagOn = flagOn
        let levels = allParanoia ? [1, 2, 3, 4] : [rules.paranoia ?? 1]
        var report = EvalReport(positiveLabels: evaluator.positiveLabels.sorted(), negativeLabels: evaluator.negativeLabels.sorted(),
                                packHash: guardian.engine.ruleSet.hash)
        let showProgress = isatty(2) == 1 && !json
        for file in datasets {
            guard let data = FileManager.default.contents(atPath: file) else {
                StdIO.error("parapet: error: cannot read \(file)")
                throw ExitCode(2)
            }
            for pl in levels {
                let run = evaluator.evaluate(file: file, bytes: [UInt8](data), target: target, paranoia: pl,
                                             progress: showProgress ? { Progress.draw($0, $1, label: "\(file) PL\(pl)") } : nil)
                if showProgress { Progress.clear() }
                for bad in run.badLines.prefix(5) { StdIO.error("parapet: warning: \(bad)") }
                report.runs.append(run)
            }
        }
        if let path = self.report {
            do { try EvalHTMLReport.render(report).write(toFile: path, atomically: true, encoding: .utf8) } catch {
                StdIO.error("parapet: error: cannot write \(path): \(error.localizedDescription)")
                throw ExitCode(2)
            }
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            StdIO.write([UInt8](try encoder.encode(report)) + [0x0A])
        } else {
            StdIO.write(EvalText.render(report, top: top))
        }
    }
}

/// A one-line progress bar on stderr, only when stderr is a terminal.
enum Progress {
    static func draw(_ done: Int, _ total: Int, label: String) {
        guard total > 0, done % 50 == 0 || done == total else { return }
        let width = 30
        let filled = done * width / total
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        StdIO.write(Array("\r\(label) [\(bar)] \(done)/\(total)".utf8), fd: 2)
    }

    static func clear() { StdIO.write(Array("\r\u{1B}[K".utf8), fd: 2) }
}

extension Evaluator.FlagOn: ExpressibleByArgument {}
