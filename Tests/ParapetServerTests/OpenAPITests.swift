import Foundation
import Hummingbird
import ParapetJSON
@testable import ParapetServer
import Testing
import Yams

/// Checks `openapi.yaml` against the router and the live responses.
@Suite("openapi.yaml matches the implementation")
struct OpenAPITests {
    /// Tests/ParapetServerTests/<file> -> package root.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func spec() throws -> [String: Any] {
        let text = try String(contentsOf: root.appendingPathComponent("openapi.yaml"), encoding: .utf8)
        return try #require(try Yams.load(yaml: text) as? [String: Any])
    }

    static func operations(_ spec: [String: Any]) -> [(path: String, method: String, op: [String: Any])] {
        let paths = spec["paths"] as? [String: Any] ?? [:]
        return paths.flatMap { path, item in
            (item as? [String: Any] ?? [:]).compactMap { method, op in
                (op as? [String: Any]).map { (path, method.uppercased(), $0) }
            }
        }.sorted { ($0.path, $0.method) < ($1.path, $1.method) }
    }

    /// Follows a local `$ref` (`#/components/...`).
    static func resolve(_ node: Any?, in spec: [String: Any]) -> [String: Any]? {
        guard var dict = node as? [String: Any] else { return nil }
        while let ref = dict["$ref"] as? String, ref.hasPrefix("#/") {
            var cur: Any? = spec
            for part in ref.dropFirst(2).split(separator: "/") { cur = (cur as? [String: Any])?[String(part)] }
            guard let next = cur as? [String: Any] else { return nil }
            dict = next
        }
        return dict
    }

    @Test func everyDocumentedOperationIsRoutedAndEveryRouteIsDocumented() throws {
        let server = try ParapetServer(config: ServerConfig(port: 0))
        let routed = Set(server.makeRouter().routes.map { "\($0.method.rawValue) \($0.path.description)" })
        let documented = Set(Self.operations(try Self.spec()).map { "\($0.method) \($0.path)" })
        #expect(!documented.isEmpty)
        #expect(routed == documented)
    }

    @Test func responsesCarryTheDocumentedStatusAndRequiredFields() async throws {
        let spec = try Self.spec()
        // A shipped policy, so tool-check answers its documented 200 (the example calls one of its tools).
        let policy = Self.root.appendingPathComponent("rules/policies/coding-agent.yaml").path
        try await withServer(ServerConfig(policyPaths: [policy])) { _, client in
            for (path, method, op) in Self.operations(spec) {
                let example = Self.resolve(op["requestBody"], in: spec)
                    .flatMap { ($0["content"] as? [String: Any])?["application/json"] as? [String: Any] }?["example"]
                let reply: JSONReply
                if method == "POST" {
                    let data = try JSONSerialization.data(withJSONObject: example ?? [String: Any]())
                    reply = try await client.post(path, json: String(decoding: data, as: UTF8.self))
                } else {
                    reply = try await client.get(path)
                }
                let responses = op["responses"] as? [String: Any] ?? [:]
                #expect(reply.status == 200, "\(method) \(path): the documented example did not succeed: \(reply.text)")
                let documented = responses[String(reply.status)]
                #expect(documented != nil, "\(method) \(path) answered \(reply.status), not in the spec")
                guard let response = Self.resolve(documented, in: spec),
                      let content = response["content"] as? [String: Any] else { continue }
                if let json = content["application/json"] as? [String: Any] {
                    let schema = Self.resolve(json["schema"], in: spec)
                    let body = try #require(reply.json, "\(method) \(path): body is not JSON")
                    for field in schema?["required"] as? [String] ?? [] {
                        #expect(body[key: field] != nil, "\(method) \(path) \(reply.status): missing \(field)")
                    }
                } else {
                    #expect(content["text/plain"] != nil)
                    #expect(reply.header("Content-Type")?.hasPrefix("text/plain") == true)
                }
            }
        }
    }
}
