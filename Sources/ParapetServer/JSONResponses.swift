import Hummingbird
import ParapetJSON

/// Small helpers that turn `JSONWriter` output into Hummingbird responses.
enum JSONResponses {
    static let retryAfter = HTTPFields.Element.Name("Retry-After")!
    static let wwwAuthenticate = HTTPFields.Element.Name("WWW-Authenticate")!

    static func json(_ status: HTTPResponse.Status, _ bytes: [UInt8], extra: HTTPFields = [:]) -> Response {
        var headers: HTTPFields = [.contentType: "application/json"]
        headers.append(contentsOf: extra)
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// `{"error": {"code": ..., "message": ...}}`: every non-2xx body from the API has this shape.
    static func error(_ status: HTTPResponse.Status, code: String, _ message: String, extra: HTTPFields = [:]) -> Response {
        var w = JSONWriter(capacity: 128)
        w.beginObject()
        w.key("error"); w.beginObject()
        w.key("code"); w.writeString(code)
        w.key("message"); w.writeString(message)
        w.endObject()
        w.endObject()
        return json(status, w.bytes, extra: extra)
    }
}
