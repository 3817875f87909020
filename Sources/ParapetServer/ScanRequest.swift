import Parapet
import ParapetJSON

/// A parsed `POST /v1/scan` body.
struct ScanRequest: Sendable {
    var id: JSONValue?
    var text: [UInt8]
    var target: Target
    var paranoia: Int?
    var session: String?

    /// Parses and validates; the error string is safe to return to the client.
    static func parse(_ body: [UInt8], maxBytes: Int) -> Result<ScanRequest, BadRequest> {
        let fields: [(key: String, value: JSONValue)]
        do {
            fields = try JSONParser.parseObject(body, limits: JSONLimits(maxDepth: 8, maxBytes: maxBytes))
        } catch {
            return .failure(BadRequest("invalid JSON: \(error.message)"))
        }
        let object = JSONValue.object(fields)
        guard let text = object[key: "text"]?.stringValue else {
            return .failure(BadRequest("missing string field \"text\""))
        }
        var request = ScanRequest(id: object[key: "id"], text: Array(text.utf8), target: .input)
        if let t = object[key: "target"], !t.isNull {
            guard let s = t.stringValue, let target = Target(rawValue: s) else {
                let names = Target.allCases.map(\.rawValue).joined(separator: ", ")
                return .failure(BadRequest("\"target\" must be one of: \(names)"))
            }
            request.target = target
        }
        if let p = object[key: "paranoia"], !p.isNull {
            guard let n = p.intValue, (1...4).contains(n) else { return .failure(BadRequest("\"paranoia\" must be an integer 1-4")) }
            request.paranoia = n
        }
        if let s = object[key: "session"], !s.isNull {
            guard let session = s.stringValue, session.utf8.count <= 256 else {
                return .failure(BadRequest("\"session\" must be a string of at most 256 bytes"))
            }
            request.session = session
        }
        return .success(request)
    }
}

/// A client error with a message for the response body.
struct BadRequest: Error, Sendable {
    let message: String
    init(_ message: String) { self.message = message }
}
