import Foundation
import Hummingbird
import Logging
import NIOHTTP1
import ParapetGateway
import ParapetJSON
import ParapetServer
import ServiceLifecycle

/// Runs `app` on 127.0.0.1 with a free port for the duration of `body`, then shuts it down gracefully.
func withApp<A: ApplicationProtocol>(
    _ make: (@escaping @Sendable (Int) async -> Void) -> A,
    _ body: (UpstreamClient) async throws -> Void
) async throws {
    let (ports, cont) = AsyncStream<Int>.makeStream()
    let app = make { port in cont.yield(port) }
    let group = ServiceGroup(configuration: .init(services: [app], logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })))
    try await withThrowingTaskGroup(of: Void.self) { tasks in
        tasks.addTask { try await group.run() }
        var it = ports.makeAsyncIterator()
        guard let port = await it.next() else { return }
        do {
            try await body(UpstreamClient(host: "127.0.0.1", port: port, idleTimeout: .seconds(testIdleSeconds)))
        } catch {
            await group.triggerGracefulShutdown()
            throw error
        }
        await group.triggerGracefulShutdown()
        try await tasks.waitForAll()
    }
}

/// Starts a `ParapetServer` built from `config` (port forced to 0) for `body`.
func withServer(_ config: ServerConfig = ServerConfig(), _ body: (ParapetServer, UpstreamClient) async throws -> Void) async throws {
    var config = config
    config.port = 0
    let server = try ParapetServer(config: config, logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
    try await withApp({ server.makeApplication(onListening: $0) }) { client in try await body(server, client) }
}

/// A response parsed as JSON (nil body when it is not JSON).
struct JSONReply {
    let status: Int
    let headers: [(name: String, value: String)]
    let raw: [UInt8]
    var json: JSONValue? { try? JSONParser.parse(raw) }
    var text: String { String(decoding: raw, as: UTF8.self) }
    func header(_ name: String) -> String? { headers.first { $0.name.lowercased() == name.lowercased() }?.value }
}

extension UpstreamClient {
    func post(_ path: String, json: String, headers: [(String, String)] = []) async throws -> JSONReply {
        try await post(path, body: Array(json.utf8), headers: headers)
    }

    /// A JSON body given as bytes (to send invalid UTF-8).
    func post(_ path: String, body: [UInt8], headers: [(String, String)] = []) async throws -> JSONReply {
        let r = try await send(method: .POST, path: path, headers: [("Content-Type", "application/json")] + headers, body: body)
        return JSONReply(status: r.status, headers: r.headers, raw: r.body)
    }

    func get(_ path: String, headers: [(String, String)] = []) async throws -> JSONReply {
        let r = try await send(method: .GET, path: path, headers: headers)
        return JSONReply(status: r.status, headers: r.headers, raw: r.body)
    }
}

/// JSON string literal for `s` (test inputs contain quotes and newlines).
func jsonString(_ s: String) -> String {
    var w = JSONWriter()
    w.writeString(s)
    return w.string
}

/// A fresh temporary directory for rule files or logs.
func temporaryDirectory() throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("parapet-server-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir.path
}

/// Client idle timeout: 60 s, or `PARAPET_TEST_IDLE_SECONDS`. Generous on purpose: `swift test`
/// runs every suite at once on a 2-core machine, and synchronous tests (CLI child processes, the
/// prefilter fuzz) can hold both cooperative threads that the server's handlers need for a while;
/// a tight timeout turned that wait into "upstream closed the connection" failures in CI.
let testIdleSeconds: Int64 = ProcessInfo.processInfo.environment["PARAPET_TEST_IDLE_SECONDS"].flatMap { Int64($0) } ?? 60
