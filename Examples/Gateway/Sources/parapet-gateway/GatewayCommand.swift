import ArgumentParser
import Hummingbird
import Parapet
import ParapetGateway

/// `parapet-gateway`: an example chat-completion gateway guarded by Parapet.
@main
struct GatewayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parapet-gateway",
        abstract: "Forward /v1/chat/completions to an OpenAI-compatible upstream with Parapet inspecting prompts and output."
    )

    @Option(help: "Address to bind.") var host = "127.0.0.1"
    @Option(help: "Port to bind.") var port = 8081
    @Option(name: .customLong("upstream-host"), help: "Upstream host (plain HTTP).") var upstreamHost = "127.0.0.1"
    @Option(name: .customLong("upstream-port"), help: "Upstream port.") var upstreamPort = 11434

    func run() async throws {
        let guardian = try Guard()
        let router = Gateway.makeRouter(guardian: guardian, upstream: UpstreamClient(host: upstreamHost, port: upstreamPort))
        let app = Application(router: router, configuration: .init(address: .hostname(host, port: port), serverName: "parapet-gateway"))
        try await app.runService()
    }
}
