import Hummingbird

/// Requires `Authorization: Bearer <token>` on every request it wraps; 401 otherwise.
struct BearerAuthMiddleware<Context: RequestContext>: RouterMiddleware {
    let token: [UInt8]
    let metrics: ServerMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let presented = request.headers[.authorization].map { Array($0.utf8) } ?? []
        let prefix = Array("Bearer ".utf8)
        guard presented.count > prefix.count,
              Self.constantTimeEqual(Array(presented[..<prefix.count]).map(Self.lower), prefix.map(Self.lower)),
              Self.constantTimeEqual(Array(presented[prefix.count...]), token)
        else {
            metrics.limitHit("auth")
            return JSONResponses.error(.unauthorized, code: "unauthorized", "missing or wrong bearer token",
                                       extra: [JSONResponses.wwwAuthenticate: "Bearer"])
        }
        return try await next(request, context)
    }

    static func lower(_ b: UInt8) -> UInt8 { (0x41...0x5A).contains(b) ? b | 0x20 : b }

    /// Compares without an early exit, so response time does not reveal how many bytes matched.
    /// The length is not secret (tokens have a known format); only the content is.
    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var diff = UInt8(truncatingIfNeeded: a.count ^ b.count)
        let n = max(a.count, b.count)
        for i in 0..<n {
            let x = i < a.count ? a[i] : 0
            let y = i < b.count ? b[i] : 0
            diff |= x ^ y
        }
        return diff == 0 && a.count == b.count
    }
}
