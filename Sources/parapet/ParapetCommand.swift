import ArgumentParser

/// `parapet`: a thin command line over the Parapet library.
@main
struct ParapetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parapet",
        abstract: "Guardrails for LLM applications: scan prompts, context and output; test rule packs.",
        discussion: """
        Exit codes: 0 allowed (possibly sanitized), 1 blocked or a test failed, 2 error \
        (bad flags, bad rules, unreadable input).
        """,
        subcommands: [ScanCommand.self, TestCommand.self, LintCommand.self, ExplainCommand.self, EvalCommand.self, TrainCommand.self, CheckToolCommand.self, ServeCommand.self]
    )

    /// Bad flags exit 2, as documented; ArgumentParser's own code for them is 64.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                StdIO.error(fullMessage(for: error))
                exit(withError: ExitCode(2))
            }
            exit(withError: error)
        }
    }
}
