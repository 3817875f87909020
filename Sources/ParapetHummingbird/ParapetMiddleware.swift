import Hummingbird
import NIOCore
import Parapet
import ParapetJSON

/// Hummingbird middleware that inspects request texts before the route runs and validates the
/// route's response before it reaches the client (plain JSON or a streamed SSE body).
///
/// ```swift
/// let guardian = try Guard()
/// router.add(middleware: ParapetMiddleware(guard: { guardian }, format: .chatCompletions))
/// ```
public struct ParapetMiddleware<Context: RequestContext>: RouterMiddleware {
    /// How texts are found in bodies.
    public enum Format: Sendable {
        /// OpenAI-compatible chat completions: `messages[].content` in, `choices[]` out, SSE streams.
        case chatCompletions
        /// The whole body is one text (request as `input`, response as `output`).
        case plainText
    }

    /// Returns the guard to use for one request; a closure so a hot-reloaded guard is picked up.
    public let guardProvider: @Sendable () -> Guard
    public var format: Format
    public var inspectInput: Bool
    public var validateOutput: Bool
    public var maxBodyBytes: Int
    /// Called with every verdict (for metrics or logs); never given raw text.
    public var onVerdict: @Sendable (Verdict) -> Void

    public init(
        guard guardProvider: @escaping @Sendable () -> Guard,
        format: Format = .chatCompletions,
        inspectInput: Bool = true,
        validateOutput: Bool = true,
        maxBodyBytes: Int = 1 << 20,
        onVerdict: @escaping @Sendable (Verdict) -> Void = { _ in }
    ) {
        self.guardProvider = guardProvider
        self.format = format
        self.inspectInput = inspectInput
        self.validateOutput = validateOutput
        self.maxBodyBytes = maxBodyBytes
        self.onVerdict = onVerdict
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let guardian = guardProvider()
        var request = request
        if inspectInput {
            var buffer = try await request.body.collect(upTo: maxBodyBytes)
            let body = buffer.readBytes(length: buffer.readableBytes) ?? []
            switch inspect(body, guardian) {
            case .blocked(let v):
                return Self.blockedResponse(.badRequest, code: "prompt_blocked", "the request was blocked by Parapet", v)
            case .forward(let bytes):
                request = Request(head: request.head, body: RequestBody(buffer: ByteBuffer(bytes: bytes)))
            }
        }
        let response = try await next(request, context)
        guard validateOutput, response.status.code / 100 == 2 else { return response }
        if response.headers[.contentType]?.hasPrefix("text/event-stream") == true {
            return validateStream(response, guardian)
        }
        return try await validateWhole(response, guardian)
    }

    enum InputOutcome { case forward([UInt8]), blocked(Verdict) }

    /// Scans every text in the request; blocks, rewrites sanitized texts, or passes the body on.
    func inspect(_ body: [UInt8], _ guardian: Guard) -> InputOutcome {
        switch format {
        case .plainText:
            let v = guardian.scan(body, target: .input)
            onVerdict(v)
            return v.decision == .block ? .blocked(v) : .forward(v.sanitized ?? body)
        case .chatCompletions:
            // Not JSON: pass it on and let the upstream reject it; there is no text to scan.
            guard let json = try? JSONParser.parse(body) else { return .forward(body) }
            var replacements: [(ChatCompletions.Slot, String)] = []
            for slot in ChatCompletions.requestSlots(json) {
                let v = guardian.scan(Array(slot.text.utf8), target: slot.target)
                onVerdict(v)
                if v.decision == .block { return .blocked(v) }
                if let s = v.sanitizedText { replacements.append((slot, s)) }
            }
            if replacements.isEmpty { return .forward(body) }
            return .forward(ChatCompletions.rewrite(json, container: "messages", field: nil, replacements: replacements).serializedBytes())
        }
    }

    /// Validates a complete (non-streamed) response body.
    func validateWhole(_ response: Response, _ guardian: Guard) async throws -> Response {
        let collector = CollectingWriter(limit: maxBodyBytes)
        try await response.body.write(collector.writer)
        let body = collector.bytes
        var out = response
        switch format {
        case .plainText:
            let v = guardian.scan(body, target: .output)
            onVerdict(v)
            if v.decision == .block { return Self.blockedResponse(.badGateway, code: "output_blocked", "the response was withheld by Parapet", v) }
            out.body = ResponseBody(byteBuffer: ByteBuffer(bytes: v.sanitized ?? body))
        case .chatCompletions:
            guard let json = try? JSONParser.parse(body) else {
                out.body = ResponseBody(byteBuffer: ByteBuffer(bytes: body))
                return out
            }
            var replacements: [(ChatCompletions.Slot, String)] = []
            for slot in ChatCompletions.responseSlots(json) {
                let v = guardian.scan(Array(slot.text.utf8), target: .output)
                onVerdict(v)
                if v.decision == .block { return Self.blockedResponse(.badGateway, code: "output_blocked", "the response was withheld by Parapet", v) }
                if let s = v.sanitizedText { replacements.append((slot, s)) }
            }
            let bytes = replacements.isEmpty ? body : ChatCompletions.rewrite(json, container: "choices", field: "message", replacements: replacements).serializedBytes()
            out.body = ResponseBody(byteBuffer: ByteBuffer(bytes: bytes))
        }
        out.headers[.contentLength] = nil
        return out
    }

    /// Wraps a streamed body so every chunk passes through an `SSEValidator`.
    func validateStream(_ response: Response, _ guardian: Guard) -> Response {
        var out = response
        let original = response.body
        let report = onVerdict
        out.headers[.contentLength] = nil
        out.body = ResponseBody { writer in
            let filter = SSEFilterWriter(
                inner: writer,
                validator: SSEValidator(guard: guardian),
                report: report
            )
            try await original.write(filter.erased)
        }
        return out
    }

    /// `{"error": {"type": "parapet_blocked", "code", "message", "rules"}}` in the OpenAI error shape.
    static func blockedResponse(_ status: HTTPResponse.Status, code: String, _ message: String, _ v: Verdict) -> Response {
        var w = JSONWriter(capacity: 256)
        w.beginObject()
        w.key("error"); w.beginObject()
        w.key("type"); w.writeString("parapet_blocked")
        w.key("code"); w.writeString(code)
        w.key("message"); w.writeString(message)
        w.key("target"); w.writeString(v.target.rawValue)
        w.key("score"); w.writeNumber(v.score)
        w.key("rules"); w.beginArray(); for r in v.ruleIDs { w.writeString(r) }; w.endArray()
        if let fm = v.failMode { w.key("fail_mode"); w.writeString(fm.rawValue) }
        w.endObject()
        w.endObject()
        return Response(status: status, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(bytes: w.bytes)))
    }
}
