import ArgumentParser
import Parapet
import ParapetJSON

/// `parapet scan`: the stdin/stdout filter.
struct ScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Scan text and forward it: unchanged, sanitized, or not at all when blocked.",
        discussion: """
        Text mode (default): the whole input is one message; stdout gets the text to forward, \
        stderr a one-line verdict. Exit 0 allowed or sanitized, 1 blocked, 2 error.
        --jsonl: one JSON object per line in ({"id", "text", "target"}), one verdict per line out, \
        in order; malformed lines produce an error line and the stream goes on. Exit 0 when the \
        stream was processed.
        """
    )

    @OptionGroup var rules: RuleOptions
    @OptionGroup(title: "Limits") var limits: LimitOptions

    @Option(help: "What the text is: input, context, output or tool_args.")
    var target: Target = .input

    @Flag(help: "Print the verdict as one JSON object on stdout instead of the text.")
    var json = false

    @Flag(help: "Read JSON Lines and write one verdict per line.")
    var jsonl = false

    @Option(name: .customLong("max-line-bytes"), help: "Longest JSONL line accepted; longer lines are reported and skipped.")
    var maxLineBytes = 16 << 20

    @Option(help: "With --jsonl: threads that scan lines (0: one per core). Output order and bytes are the same for any count.")
    var jobs = 1

    @Flag(help: "Stream mode (for --target output): read stdin incrementally, write released text as it goes, stop when blocked.")
    var stream = false

    @Option(name: .customLong("canary"), help: ArgumentHelp("A canary token planted in the system prompt (repeatable).", valueName: "TOKEN"))
    var canaries: [String] = []

    @Option(name: .customLong("system-prompt"), help: ArgumentHelp("File with the system prompt, to detect its leakage in output.", valueName: "FILE"))
    var systemPromptFile: String?

    @Option(name: .customLong("allowed-host"), help: ArgumentHelp("A host links may point to (repeatable; subdomains included).", valueName: "HOST"))
    var allowedHosts: [String] = []

    @Option(name: .customLong("sanitize"), help: ArgumentHelp("Always apply a transform to the forwarded text: strip-invisibles or neutralize-role-tokens (repeatable).", valueName: "STEP"))
    var sanitizeSteps: [SanitizeStep] = []

    @Option(name: .customLong("max-bytes"), help: "Cut the forwarded text to this many bytes (a finding says so).")
    var maxBytes: Int?

    @Option(name: .customLong("max-tokens"), help: "Cut the forwarded text to about this many tokens.")
    var maxTokens: Int?

    @Argument(help: "File to read (default: stdin).")
    var file: String?

    func validate() throws {
        if json && jsonl { throw ValidationError("--json and --jsonl are exclusive") }
        if stream && (json || jsonl) { throw ValidationError("--stream writes text; it cannot be combined with --json or --jsonl") }
        if jobs < 0 { throw ValidationError("--jobs must be 0 (one per core) or more") }
        if jobs != 1 && !jsonl { throw ValidationError("--jobs applies to --jsonl only") }
    }

    func run() throws {
        var config = limits.apply(to: EngineConfig())
        if !sanitizeSteps.isEmpty { config.sanitize[target] = sanitizeSteps }
        if maxBytes != nil || maxTokens != nil { config.lengthLimits[target] = LengthLimit(maxBytes: maxBytes, maxTokens: maxTokens) }
        let guardian = try rules.makeGuard(config: config)
        let context = try makeContext()
        if stream {
            try StreamFilter(guardian: guardian, target: target, paranoia: rules.paranoia, context: context).run(path: file)
            return
        }
        if jsonl {
            var filter = JSONLFilter(guardian: guardian, defaultTarget: target, paranoia: rules.paranoia, maxLineBytes: maxLineBytes, context: context)
            filter.jobs = jobs == 0 ? JSONLWorkers.onlineCores : jobs
            try filter.run(path: file)
            return
        }
        let input: [UInt8]
        do { input = try StdIO.readAll(file) } catch {
            StdIO.error("parapet: error: \(error)")
            throw ExitCode(2)
        }
        let verdict = guardian.scan(input, target: target, paranoia: rules.paranoia, context: context?.with(target: target))
        if json {
            StdIO.write(verdict.json(original: input) + "\n")
        } else if verdict.decision != .block {
            StdIO.write(verdict.sanitized ?? input)
        }
        StdIO.error("parapet: " + verdict.summaryLine)
        if verdict.decision == .block { throw ExitCode(1) }
    }

    /// The scan context from --canary, --system-prompt and --allowed-host (nil when none given).
    func makeContext() throws -> ScanContext? {
        guard !canaries.isEmpty || systemPromptFile != nil || !allowedHosts.isEmpty else { return nil }
        var prompt: String?
        if let systemPromptFile {
            do { prompt = String(decoding: try StdIO.readAll(systemPromptFile), as: UTF8.self) } catch {
                StdIO.error("parapet: error: \(error)")
                throw ExitCode(2)
            }
        }
        return ScanContext(target: target, canaries: canaries, systemPrompt: prompt, allowedHosts: allowedHosts)
    }
}

extension ScanContext {
    /// The same facts for another target.
    func with(target: Target) -> ScanContext {
        ScanContext(target: target, canaries: canaries, systemPrompt: systemPrompt, allowedHosts: allowedHosts)
    }
}

extension SanitizeStep: ExpressibleByArgument {}
