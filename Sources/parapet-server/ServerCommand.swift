import ArgumentParser
import Foundation
import Logging
import Parapet
import ParapetServer

/// `parapet-server` (also reached as `parapet serve`): the HTTP sidecar.
@main
struct ServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parapet-server",
        abstract: "Serve Parapet over HTTP: /v1/scan, /v1/tool-check, /healthz, /readyz, /metrics.",
        discussion: """
        SIGHUP recompiles the rule packs and tool policies and swaps them in; a pack that fails to compile is \
        rejected and the previous one keeps serving. SIGTERM/SIGINT stop accepting connections \
        and finish in-flight requests. The API token is read from --token-file or the \
        environment variable named by --token-env (default PARAPET_API_TOKEN).
        """
    )

    @Option(help: "Address to bind.") var host = "127.0.0.1"
    @Option(help: "Port to bind (0 = any free port, printed on start).") var port = 8080
    @Option(name: .customLong("rules"), help: ArgumentHelp("A rule directory or file to load (repeatable).", valueName: "DIR"))
    var ruleDirs: [String] = []
    @Option(name: .customLong("policy"), help: ArgumentHelp("A tool policy file or directory for /v1/tool-check (repeatable; the first policy is the default).", valueName: "FILE"))
    var policyPaths: [String] = []
    @Option(name: .customLong("max-sessions"), help: "Tool-check sessions remembered per policy (budgets, taint).") var maxSessions = 100_000
    @Flag(name: .customLong("no-default-rules"), help: "Do not load the built-in rule packs.") var noDefaultRules = false
    @Option(help: "Default paranoia level 1-4.") var paranoia = 1
    @Option(name: .customLong("disable-rule"), help: ArgumentHelp("Do not load this rule; an id or a prefix ending in * (repeatable).", valueName: "RULE"))
    var disabledRules: [String] = []
    @Option(name: .customLong("rule-action"), help: ArgumentHelp("Give rules another action: RULE=flag|redact|block|report (repeatable).", valueName: "RULE=ACTION"))
    var ruleActions: [String] = []
    @Option(name: .customLong("fail-open"), help: ArgumentHelp("Let text through when a target cannot be decided (repeatable; default: fail closed).", valueName: "TARGET"))
    var failOpen: [String] = []
    @Option(name: .customLong("max-body-bytes"), help: "Largest request body accepted.") var maxBodyBytes = 1 << 20
    @Option(name: .customLong("deadline-ms"), help: "Per-request scan deadline in milliseconds.") var deadlineMs = 2000
    @Option(name: .customLong("max-concurrent"), help: "Scans in flight before requests are shed with 503.") var maxConcurrent = 64
    @Option(name: .customLong("scan-threads"), help: "Threads that run scans.") var scanThreads = max(1, ProcessInfo.processInfo.activeProcessorCount)
    @Option(name: .customLong("token-file"), help: "File holding the bearer token clients must send.") var tokenFile: String?
    @Option(name: .customLong("token-env"), help: "Environment variable holding the bearer token.") var tokenEnv = "PARAPET_API_TOKEN"
    @Option(name: .customLong("audit-log"), help: "Append one JSON line per decision to this file.") var auditLog: String?
    @Flag(name: .customLong("audit-content"), help: "Include scanned text (matched spans masked) in audit records.") var auditContent = false
    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.") var logLevel = "info"

    func validate() throws {
        if maxSessions < 1 { throw ValidationError("--max-sessions must be at least 1") }
        if !(1...4).contains(paranoia) { throw ValidationError("--paranoia must be 1, 2, 3 or 4") }
        for t in failOpen where Target(rawValue: t) == nil { throw ValidationError("--fail-open: unknown target \(t)") }
        if Logger.Level(rawValue: logLevel) == nil { throw ValidationError("--log-level: unknown level \(logLevel)") }
        if case .failure(let e) = RuleOverrides.fromFlags(disable: disabledRules, actions: ruleActions) { throw ValidationError(e.message) }
    }

    func run() async throws {
        let level = Logger.Level(rawValue: logLevel) ?? .info
        LoggingSystem.bootstrap { label in
            var h = StreamLogHandler.standardError(label: label)
            h.logLevel = level
            return h
        }
        let logger = Logger(label: "parapet.server")
        var engine = EngineConfig(defaultParanoia: paranoia)
        for t in failOpen { if let target = Target(rawValue: t) { engine.failModes[target] = .open } }
        var config = ServerConfig(
            host: host, port: port, ruleDirectories: ruleDirs, includeDefaultPack: !noDefaultRules,
            policyPaths: policyPaths, maxSessions: maxSessions, engine: engine,
            maxBodyBytes: maxBodyBytes, requestDeadline: .milliseconds(deadlineMs), maxConcurrentScans: maxConcurrent,
            scanThreads: scanThreads, bearerToken: try token(), auditLogPath: auditLog, auditIncludeContent: auditContent
        )
        config.ruleOverrides = (try? RuleOverrides.fromFlags(disable: disabledRules, actions: ruleActions).get()) ?? RuleOverrides()
        let server: ParapetServer
        do { server = try ParapetServer(config: config, logger: logger) } catch {
            FileHandle.standardError.write(Data("parapet-server: error: \(error)\n".utf8))
            throw ExitCode(2)
        }
        try await server.run { port in
            logger.notice("parapet listening", metadata: ["host": "\(host)", "port": "\(port)"])
        }
    }

    /// The token from the file (trailing whitespace trimmed) or the environment; nil when neither is set.
    func token() throws -> String? {
        if let tokenFile {
            guard let raw = try? String(contentsOfFile: tokenFile, encoding: .utf8) else {
                throw ValidationError("cannot read --token-file \(tokenFile)")
            }
            let t = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if t.isEmpty { throw ValidationError("--token-file \(tokenFile) is empty") }
            return t
        }
        if let t = ProcessInfo.processInfo.environment[tokenEnv], !t.isEmpty { return t }
        return nil
    }
}
