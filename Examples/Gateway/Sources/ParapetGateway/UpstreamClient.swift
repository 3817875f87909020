import NIOCore
import NIOHTTP1
import NIOPosix

/// A deliberately small HTTP/1.1 client (plain TCP, one request per connection) for the upstream.
///
/// The example avoids AsyncHTTPClient to keep the build light; a production gateway would use it
/// (TLS, pooling, redirects). Timeouts are explicit so a dead upstream gives an error, not a hang.
public struct UpstreamClient: Sendable {
    public var host: String
    public var port: Int
    public var connectTimeout: TimeAmount
    /// Longest silence between two reads before the connection is dropped.
    public var idleTimeout: TimeAmount

    public init(host: String, port: Int, connectTimeout: TimeAmount = .seconds(2), idleTimeout: TimeAmount = .seconds(30)) {
        self.host = host
        self.port = port
        self.connectTimeout = connectTimeout
        self.idleTimeout = idleTimeout
    }

    /// A response head plus a way to pull body chunks; only valid inside `execute`'s closure.
    public struct Reply {
        public let status: Int
        public let headers: [(name: String, value: String)]
        var iterator: NIOAsyncChannelInboundStream<HTTPClientResponsePart>.AsyncIterator

        /// The next body chunk, or nil at the end of the body. Throws when the connection drops early.
        public mutating func nextChunk() async throws -> [UInt8]? {
            while let part = try await iterator.next() {
                switch part {
                case .body(var buf): return buf.readBytes(length: buf.readableBytes) ?? []
                case .end: return nil
                case .head: continue
                }
            }
            throw UpstreamError.truncated
        }

        public func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }
    }

    /// An open connection that has not sent anything yet (so "unreachable" is known before any response is committed).
    public struct Connection: Sendable {
        let channel: NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>
        let authority: String

        /// Sends one request and hands the response to `handle`, closing the connection afterwards.
        public func execute<T: Sendable>(
            method: HTTPMethod, path: String, headers: [(String, String)] = [], body: [UInt8] = [],
            _ handle: (inout Reply) async throws -> T
        ) async throws -> T {
            try await channel.executeThenClose { inbound, outbound in
                var head = HTTPRequestHead(version: .http1_1, method: method, uri: path)
                head.headers.add(name: "Host", value: authority)
                head.headers.add(name: "Content-Length", value: String(body.count))
                head.headers.add(name: "Connection", value: "close")
                for (n, v) in headers { head.headers.add(name: n, value: v) }
                try await outbound.write(.head(head))
                if !body.isEmpty { try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: body)))) }
                try await outbound.write(.end(nil))
                var it = inbound.makeAsyncIterator()
                guard let first = try await it.next(), case .head(let rh) = first else { throw UpstreamError.truncated }
                var reply = Reply(status: Int(rh.status.code), headers: rh.headers.map { ($0.name, $0.value) }, iterator: it)
                return try await handle(&reply)
            }
        }
    }

    /// Opens a connection; throws `UpstreamError.unreachable` when the upstream does not accept it in time.
    public func connect() async throws -> Connection {
        let idle = idleTimeout
        do {
            let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(connectTimeout)
                .connect(host: host, port: port) { ch in
                    ch.eventLoop.makeCompletedFuture {
                        try ch.pipeline.syncOperations.addHTTPClientHandlers()
                        try ch.pipeline.syncOperations.addHandlers([IdleStateHandler(readTimeout: idle), CloseOnIdle()])
                        return try NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>(wrappingChannelSynchronously: ch)
                    }
                }
            return Connection(channel: channel, authority: "\(host):\(port)")
        } catch {
            throw UpstreamError.unreachable("\(host):\(port): \(error)")
        }
    }

    /// Connects, sends one request and hands the response to `handle`.
    public func execute<T: Sendable>(
        method: HTTPMethod, path: String, headers: [(String, String)] = [], body: [UInt8] = [],
        _ handle: (inout Reply) async throws -> T
    ) async throws -> T {
        try await connect().execute(method: method, path: path, headers: headers, body: body, handle)
    }

    /// Sends one request and collects the whole response.
    public func send(method: HTTPMethod, path: String, headers: [(String, String)] = [], body: [UInt8] = []) async throws -> (status: Int, headers: [(name: String, value: String)], body: [UInt8]) {
        try await execute(method: method, path: path, headers: headers, body: body) { reply in
            var out: [UInt8] = []
            while let chunk = try await reply.nextChunk() { out += chunk }
            return (reply.status, reply.headers, out)
        }
    }
}

/// Why the upstream could not answer.
public enum UpstreamError: Error, Sendable, CustomStringConvertible {
    case unreachable(String)
    case truncated

    public var description: String {
        switch self {
        case .unreachable(let detail): "upstream unreachable: \(detail)"
        case .truncated: "upstream closed the connection before the response was complete"
        }
    }
}

/// Closes the connection when the idle handler reports a read timeout, which ends the inbound stream.
final class CloseOnIdle: ChannelInboundHandler, Sendable {
    typealias InboundIn = HTTPClientResponsePart
    typealias InboundOut = HTTPClientResponsePart

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let e = event as? IdleStateHandler.IdleStateEvent, e == .read {
            context.close(promise: nil)
        } else {
            context.fireUserInboundEventTriggered(event)
        }
    }
}
