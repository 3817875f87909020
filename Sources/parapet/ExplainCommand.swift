#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import Foundation
import Parapet
import ParapetTestKit

/// `parapet explain`: why a text gets the verdict it gets.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show the views built from a text, each finding with its span, and the score at every paranoia level.",
        discussion: "TEXT is read as a file when such a file exists, from stdin when it is '-', and used as the text otherwise."
    )

    @OptionGroup var rules: RuleOptions

    @Option(help: "What the text is: input, context, output or tool_args.")
    var target: Target = .input

    @Flag(help: "Highlight with ANSI colours even when stdout is not a terminal.")
    var color = false

    @Argument(help: "The text, a file, or '-' for stdin.")
    var text: String

    func run() throws {
        let guardian = try rules.makeGuard()
        let bytes: [UInt8]
        if text == "-" || FileManager.default.fileExists(atPath: text) {
            do { bytes = try StdIO.readAll(text) } catch {
                StdIO.error("parapet: error: \(error)")
                throw ExitCode(2)
            }
        } else {
            bytes = Array(text.utf8)
        }
        let e = Explanation.build(engine: guardian.engine, text: bytes, target: target)
        StdIO.write(ExplanationText.render(e, ansi: color || isatty(1) == 1))
    }
}
