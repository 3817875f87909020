import Hummingbird
import Logging
import NIOCore
import NIOPosix
import Parapet
import ParapetJSON
import ServiceLifecycle
import Synchronization
import UnixSignals

/// The `parapet serve` service: scan and tool-check APIs, health, metrics, audit and hot reload.
public final class ParapetServer: Sendable {
    public let config: ServerConfig
    public let store: PackStore
    public let metrics: ServerMetrics
    public let runner: ScanRunner
    public let audit: AuditLog?
    public let logger: Logger
    /// Request ids are `<start time in hex>-<counter>`: unique per process, cheap, and not guessable across restarts.
    let requestIDPrefix = String(UInt64(ContinuousClock.now.hashValue.magnitude) & 0xFFFF_FFFF, radix: 16)
    let requestCounter = Atomic<Int>(0)

    /// Compiles the packs and opens the audit log; throws `ServerSetupError` when either fails.
    public init(config: ServerConfig, logger: Logger = Logger(label: "parapet.server")) throws {
        self.config = config
        self.logger = logger
        metrics = ServerMetrics()
        do {
            store = try PackStore(ruleDirectories: config.ruleDirectories, includeDefaultPack: config.includeDefaultPack, ruleOverrides: config.ruleOverrides, engineConfig: config.engine,
                                  policyPaths: config.policyPaths, sessions: SessionStores(maxSessions: config.maxSessions))
        } catch {
            throw ServerSetupError(message: "rule or policy packs do not compile:\n\(error.description)")
        }
        if let path = config.auditLogPath {
            guard let log = AuditLog(path: path, includeContent: config.auditIncludeContent) else {
                throw ServerSetupError(message: "cannot open audit log \(path)")
            }
            audit = log
        } else {
            audit = nil
        }
        runner = ScanRunner(threads: config.scanThreads, capacity: config.maxConcurrentScans)
        let pack = store.current
        metrics.setRules(pack.ruleCount)
        logger.info("parapet packs loaded", metadata: [
            "pack": "\(pack.hash)", "rules": "\(pack.ruleCount)", "policies": "\(pack.policies.names.joined(separator: ","))",
        ])
    }

    /// Every route of the API; `openapi.yaml` documents the same set.
    public func makeRouter() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.get("/healthz") { _, _ in Self.status(["status": "ok"]) }
        router.get("/readyz") { [store] _, _ in
            let pack = store.current
            return Self.status(["status": "ready", "pack": pack.hash, "rules": pack.ruleCount, "generation": pack.generation,
                                "policies": pack.policies.names])
        }
        router.get("/metrics") { [metrics] _, _ in
            metrics.setInFlight(self.runner.inFlight)
            return Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: metrics.exposition()))
            )
        }
        let api = router.group("v1")
        if let token = config.bearerToken {
            api.add(middleware: BearerAuthMiddleware<BasicRequestContext>(token: Array(token.utf8), metrics: metrics))
        }
        api.post("scan") { request, context in await self.handleScan(request, context: context) }
        api.post("tool-check") { request, context in await self.handleToolCheck(request, context: context) }
        return router
    }

    /// Recompiles the packs on a thread that serves no requests and swaps them in when they compile.
    @discardableResult
    public func reload() async -> ReloadResult {
        let started = ContinuousClock.now
        let result = (try? await NIOThreadPool.singleton.runIfActive { [store] in store.reload() }) ?? .failure("reload thread pool is not running")
        let took = ContinuousClock.now - started
        switch result {
        case .success(let hash, let rules):
            metrics.reload(result: "success", duration: took)
            metrics.setRules(rules)
            logger.notice("parapet packs reloaded", metadata: [
                "pack": "\(hash)", "rules": "\(rules)", "policy_pack": "\(store.current.policies.hash)",
            ])
        case .failure(let message):
            metrics.reload(result: "failure", duration: took)
            logger.error("parapet reload rejected; previous packs keep serving", metadata: [
                "pack": "\(store.current.hash)", "error": "\(message)",
            ])
        }
        return result
    }

    /// The Hummingbird application; `onListening` receives the bound port (useful with port 0).
    public func makeApplication(onListening: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
        Application(
            router: makeRouter(),
            configuration: .init(address: .hostname(config.host, port: config.port), serverName: "parapet"),
            services: [ReloadOnSignal(server: self)],
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? 0) },
            logger: logger
        )
    }

    /// Runs until SIGTERM or SIGINT, then stops accepting, lets in-flight requests finish, and exits.
    public func run(onListening: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let app = makeApplication(onListening: onListening)
        let group = ServiceGroup(configuration: .init(
            services: [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger
        ))
        try await group.run()
        await runner.shutdown()
    }

    func nextRequestID() -> String {
        "\(requestIDPrefix)-\(requestCounter.add(1, ordering: .relaxed).newValue)"
    }

    static func status(_ fields: KeyValuePairs<String, any Sendable>) -> Response {
        var w = JSONWriter(capacity: 128)
        w.beginObject()
        for (k, v) in fields {
            w.key(k)
            if let n = v as? Int {
                w.writeNumber(n)
            } else if let list = v as? [String] {
                w.beginArray(); for s in list { w.writeString(s) }; w.endArray()
            } else {
                w.writeString("\(v)")
            }
        }
        w.endObject()
        return JSONResponses.json(.ok, w.bytes)
    }
}

/// Reloads the packs on every SIGHUP until the service group shuts down.
struct ReloadOnSignal: Service {
    let server: ParapetServer

    func run() async throws {
        let signals = await UnixSignalsSequence(trapping: .sighup)
        for await _ in signals.cancelOnGracefulShutdown() {
            server.logger.info("SIGHUP: reloading parapet packs")
            await server.reload()
        }
    }
}

/// The server could not start: packs do not compile or a file cannot be opened.
public struct ServerSetupError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
