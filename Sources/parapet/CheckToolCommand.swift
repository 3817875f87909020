#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import Parapet
import ParapetJSON

/// `parapet check-tool`: decides tool calls against a policy file.
struct CheckToolCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-tool",
        abstract: "Decide allow / deny / ask for tool calls the model issued, against a tool policy.",
        discussion: """
        Input: one JSON object {"session", "tool", "args", "untrusted"?: [strings], "profile"?}; \
        "untrusted" is content the agent saw (tool results, documents): it taints the session, is \
        scanned for injections and feeds argument provenance. Output: {"decision", "rule", "reason"} \
        (plus "error": true for malformed calls).
        Exit codes (single call): 0 allow, 1 deny, 3 ask, 2 error (bad flags, bad policy, unreadable input).
        --jsonl: one call per line, one decision per line, sessions kept across lines; exit 0 when \
        the stream was processed.
        """
    )

    @Option(help: ArgumentHelp("Policy file (YAML).", valueName: "FILE"))
    var policy: String

    @Option(help: "Profile (agent or role) to decide for; default: 'default' when the policy has one.")
    var profile: String?

    @Flag(help: "Read JSON Lines and write one decision per line.")
    var jsonl = false

    @Flag(name: .customLong("no-content-checks"), help: "Do not scan argument strings with the tool_args rules.")
    var noContentChecks = false

    @OptionGroup var rules: RuleOptions

    @Option(name: .customLong("max-line-bytes"), help: "Longest JSONL line accepted.")
    var maxLineBytes = 16 << 20

    @Argument(help: "File to read (default: stdin).")
    var file: String?

    func run() throws {
        let toolPolicy: ToolPolicy
        do { toolPolicy = try PolicyParser.load(path: policy) } catch {
            StdIO.error(error.description)
            StdIO.error("parapet: error: \(error.diagnostics.count) problem(s) in \(policy)")
            throw ExitCode(2)
        }
        let guardian = try rules.makeGuard()
        let engine = noContentChecks ? PolicyEngine(policy: toolPolicy) : guardian.policyEngine(toolPolicy)
        if jsonl {
            var reader: LineReader
            if let file, file != "-" {
                let fd = open(file, O_RDONLY)
                if fd < 0 { StdIO.error("parapet: error: cannot read \(file)"); throw ExitCode(2) }
                reader = LineReader(fd: fd, maxLine: maxLineBytes)
            } else {
                reader = LineReader(fd: 0, maxLine: maxLineBytes)
            }
            while let line = reader.next() {
                switch line {
                case .tooLong(let n):
                    StdIO.write(Self.json(PolicyDecision(.deny, rule: "policy.malformed-call", reason: "line of \(n) bytes exceeds --max-line-bytes", isError: true)))
                case .text(let bytes):
                    if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
                    StdIO.write(Self.json(decide(Array(bytes), engine: engine, guardian: guardian)))
                }
            }
            return
        }
        let input: [UInt8]
        do { input = try StdIO.readAll(file) } catch {
            StdIO.error("parapet: error: \(error)")
            throw ExitCode(2)
        }
        let d = decide(input, engine: engine, guardian: guardian)
        StdIO.write(Self.json(d))
        switch d.effect {
        case .allow: return
        case .deny: throw ExitCode(1)
        case .ask: throw ExitCode(3)
        }
    }

    /// Untrusted strings go through the context scan first, so an injection in them flags the session.
    func decide(_ bytes: [UInt8], engine: PolicyEngine, guardian: Guard) -> PolicyDecision {
        switch ToolCallRequest.parse(bytes, limits: engine.policy.argLimits) {
        case .rejected(let d): return d
        case .request(var r):
            for u in r.untrusted { guardian.inspectContext(u, session: r.session, policy: engine, paranoia: rules.paranoia) }
            r.untrusted = []
            return engine.decide(r.call, session: r.session, profile: r.profile ?? profile)
        }
    }

    static func json(_ d: PolicyDecision) -> String {
        var w = JSONWriter(capacity: 256)
        w.beginObject()
        w.key("decision"); w.writeString(d.effect.rawValue)
        w.key("rule"); w.writeString(d.rule)
        w.key("reason"); w.writeString(d.reason)
        if d.isError { w.key("error"); w.writeBool(true) }
        w.endObject()
        return w.string + "\n"
    }
}
