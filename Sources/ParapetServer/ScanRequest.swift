import Parapet
import ParapetJSON

/// A parsed `POST /v1/scan` body.
struct ScanRequest: Sendable {
    var id: JSONValue?
    var text: [UInt8]
    /// Where the body holds `text` already as the JSON string a verdict echoes, when it does
    /// (see `JSONMember.stringBytes`): the response copies it instead of escaping `text` again.
    var textJSON: Range<Int>? = nil
    var target: Target
    var paranoia: Int?
    var session: String?

    /// Parses and validates; the error string is safe to return to the client.
    static func parse(_ body: [UInt8], maxBytes: Int) -> Result<ScanRequest, BadRequest> {
        body.withUnsafeBufferPointer { parse($0, maxBytes: maxBytes) }
    }

    private static func parse(_ body: UnsafeBufferPointer<UInt8>, maxBytes: Int) -> Result<ScanRequest, BadRequest> {
        let members: [JSONMember]
        do {
            members = try JSONParser.parseMembers(body, limits: JSONLimits(maxDepth: 8, maxBytes: maxBytes))
        } catch {
            return .failure(BadRequest("invalid JSON: \(error.message)"))
        }
        guard let (text, json) = members.member("text")?.stringBytes(in: body) else {
            return .failure(BadRequest("missing string field \"text\""))
        }
        var request = ScanRequest(id: members.value("id", in: body), text: text, target: .input)
        if let json, let base = body.baseAddress, let at = json.baseAddress {
            request.textJSON = (at - base)..<(at - base + json.count)
        }
        if let t = members.value("target", in: body), !t.isNull {
            guard let s = t.stringValue, let target = Target(rawValue: s) else {
                let names = Target.allCases.map(\.rawValue).joined(separator: ", ")
                return .failure(BadRequest("\"target\" must be one of: \(names)"))
            }
            request.target = target
        }
        if let p = members.value("paranoia", in: body), !p.isNull {
            guard let n = p.intValue, (1...4).contains(n) else { return .failure(BadRequest("\"paranoia\" must be an integer 1-4")) }
            request.paranoia = n
        }
        if let s = members.value("session", in: body), !s.isNull {
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
