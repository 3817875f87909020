import Hummingbird

extension ParapetServer {
    /// `POST /v1/tool-check`: answers 501 until the policy layer (ParapetPolicy) is available.
    // TODO: evaluate the call against the policy pack once ParapetPolicy lands in main.
    func handleToolCheck(_ request: Request, context: some RequestContext) async -> Response {
        JSONResponses.error(.notImplemented, code: "not_implemented", "tool-call policy checks are not available in this build yet")
    }
}
