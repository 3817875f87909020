import Hummingbird
import NIOCore
import NIOHTTP1
import Parapet
import ParapetHummingbird
import ParapetJSON

/// An OpenAI-compatible chat-completion gateway with Parapet in the request path.
public enum Gateway {
    /// The router: `POST /v1/chat/completions` guarded by `ParapetMiddleware`, forwarded to `upstream`.
    public static func makeRouter(guardian: Guard, upstream: UpstreamClient) -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.get("/healthz") { _, _ in "ok" }
        // The whole integration: one middleware on the group that forwards to the model.
        router.group("v1")
            .add(middleware: ParapetMiddleware<BasicRequestContext>(guard: { guardian }, format: .chatCompletions))
            .post("chat/completions") { request, _ in try await forward(request, upstream: upstream) }
        return router
    }

    /// Sends the (possibly sanitized) request upstream; streams SSE back or returns the JSON body.
    static func forward(_ request: Request, upstream: UpstreamClient) async throws -> Response {
        var buffer = try await request.body.collect(upTo: 4 << 20)
        let body = buffer.readBytes(length: buffer.readableBytes) ?? []
        let streaming = (try? JSONParser.parse(body))?[key: "stream"]?.boolValue == true
        var headers: [(String, String)] = [("Content-Type", "application/json")]
        if let auth = request.headers[.authorization] { headers.append(("Authorization", auth)) }
        let connection: UpstreamClient.Connection
        do { connection = try await upstream.connect() } catch {
            return upstreamError("\(error)")
        }
        if !streaming {
            do {
                let (status, replyHeaders, replyBody) = try await connection.execute(method: .POST, path: "/v1/chat/completions", headers: headers, body: body) { reply in
                    var out: [UInt8] = []
                    while let chunk = try await reply.nextChunk() { out += chunk }
                    return (reply.status, reply.header("content-type") ?? "application/json", out)
                }
                return Response(
                    status: .init(code: status), headers: [.contentType: replyHeaders],
                    body: ResponseBody(byteBuffer: ByteBuffer(bytes: replyBody))
                )
            } catch {
                return upstreamError("\(error)")
            }
        }
        let forwardHeaders = headers
        // Streamed: the status is committed before the upstream answers, so failures become an SSE error event.
        return Response(status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"], body: ResponseBody { writer in
            do {
                try await connection.execute(method: .POST, path: "/v1/chat/completions", headers: forwardHeaders, body: body) { reply in
                    guard reply.status == 200 else {
                        var detail: [UInt8] = []
                        while let c = try await reply.nextChunk(), detail.count < 4096 { detail += c }
                        throw UpstreamError.unreachable("upstream answered \(reply.status): \(String(decoding: detail, as: UTF8.self))")
                    }
                    while let chunk = try await reply.nextChunk() { try await writer.write(ByteBuffer(bytes: chunk)) }
                }
            } catch {
                try await writer.write(ByteBuffer(bytes: sseError("\(error)")))
            }
            try await writer.finish(nil)
        })
    }

    static func errorJSON(_ message: String) -> [UInt8] {
        var w = JSONWriter(capacity: 128)
        w.beginObject()
        w.key("error"); w.beginObject()
        w.key("type"); w.writeString("upstream_error")
        w.key("message"); w.writeString(message)
        w.endObject()
        w.endObject()
        return w.bytes
    }

    static func upstreamError(_ message: String) -> Response {
        Response(status: .badGateway, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(bytes: errorJSON(message))))
    }

    /// A terminal SSE error event: the SSE validator passes it through (it carries no text delta).
    static func sseError(_ message: String) -> [UInt8] {
        Array("event: error\ndata: ".utf8) + errorJSON(message) + Array("\n\n".utf8)
    }
}
