// swift-tools-version:6.0
import PackageDescription

// One module per responsibility; only ParapetRegex touches C (PCRE2).
// A target that uses a module's types lists that module itself, even when another dependency
// re-exports it: the build only recompiles a target when a *listed* module changes, so a
// layout change in ParapetRules (e.g. a new RuleSource field) would otherwise leave stale code.
let package = Package(
    name: "Parapet",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "Parapet", targets: ["Parapet"]),
        .library(name: "ParapetTestKit", targets: ["ParapetTestKit"]),
        // For the nested Fuzz package, whose JSONL harness drives the parser directly.
        .library(name: "ParapetJSON", targets: ["ParapetJSON"]),
        .executable(name: "parapet", targets: ["parapet"]),
        .executable(name: "parapet-bench", targets: ["parapet-bench"]),
        // Service mode lives in its own products so the core library never links Hummingbird/NIO.
        .library(name: "ParapetServer", targets: ["ParapetServer"]),
        .library(name: "ParapetHummingbird", targets: ["ParapetHummingbird"]),
        .executable(name: "parapet-server", targets: ["parapet-server"]),
        .executable(name: "parapet-gateway", targets: ["parapet-gateway"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        // Service mode only (ParapetServer, ParapetHummingbird, parapet-server, Examples/Gateway).
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.0.0"),
    ],
    targets: [
        .systemLibrary(name: "CPCRE2", pkgConfig: "libpcre2-8", providers: [.apt(["libpcre2-dev"])]),
        .target(name: "ParapetRegex", dependencies: ["CPCRE2"]),
        .target(name: "ParapetText"),
        .target(name: "ParapetJSON"),
        .target(name: "ParapetRules", dependencies: ["ParapetRegex", "ParapetText", .product(name: "Yams", package: "Yams")]),
        .target(name: "ParapetDetectors", dependencies: ["ParapetRules", "ParapetText"]),
        .target(name: "ParapetOutput", dependencies: ["ParapetRules", "ParapetText", "ParapetRegex", "ParapetJSON"]),
        .target(name: "ParapetEngine", dependencies: ["ParapetRegex", "ParapetText", "ParapetRules", "ParapetDetectors", "ParapetOutput"]),
        .target(name: "ParapetPolicy", dependencies: ["ParapetRegex", "ParapetJSON", "ParapetRules", "ParapetEngine", .product(name: "Yams", package: "Yams")]),
        .target(
            name: "Parapet",
            dependencies: ["ParapetEngine", "ParapetPolicy", "ParapetJSON", .product(name: "Logging", package: "swift-log")],
            plugins: ["EmbedRulesPlugin"]
        ),
        .target(name: "ParapetTestKit", dependencies: ["Parapet", "ParapetRules", "ParapetJSON"]),
        .executableTarget(
            name: "parapet",
            dependencies: ["Parapet", "ParapetEngine", "ParapetRules", "ParapetTestKit", "ParapetJSON", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(name: "parapet-bench", dependencies: ["Parapet", "ParapetEngine", "ParapetRules", "ParapetRegex", "ParapetTestKit"], path: "Benchmarks/ParapetBench"),

        // Service mode: everything below depends on Hummingbird; nothing above does.
        .target(
            name: "ParapetHummingbird",
            dependencies: ["Parapet", "ParapetJSON", .product(name: "Hummingbird", package: "hummingbird")]
        ),
        .target(
            name: "ParapetServer",
            dependencies: [
                "Parapet", "ParapetEngine", "ParapetRules", "ParapetJSON", "ParapetPolicy", "ParapetHummingbird",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .executableTarget(
            name: "parapet-server",
            dependencies: ["ParapetServer", "ParapetEngine", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .target(
            name: "ParapetGateway",
            dependencies: [
                "ParapetHummingbird", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            path: "Examples/Gateway/Sources/ParapetGateway"
        ),
        .executableTarget(
            name: "parapet-gateway",
            dependencies: ["ParapetGateway", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Examples/Gateway/Sources/parapet-gateway"
        ),
        // Composes the default pack's YAML at build time (see ComposedYAML), so it needs Yams.
        .executableTarget(name: "EmbedRulesTool", dependencies: [.product(name: "Yams", package: "Yams")], path: "Plugins/EmbedRulesTool"),
        .plugin(name: "EmbedRulesPlugin", capability: .buildTool(), dependencies: ["EmbedRulesTool"]),

        .testTarget(name: "ParapetRegexTests", dependencies: ["ParapetRegex", "ParapetTestKit"]),
        .testTarget(name: "ParapetTextTests", dependencies: ["ParapetText"]),
        .testTarget(name: "ParapetJSONTests", dependencies: ["ParapetJSON"]),
        .testTarget(name: "ParapetRulesTests", dependencies: ["ParapetRules", "Parapet", "ParapetTestKit"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ParapetEngineTests", dependencies: ["ParapetEngine", "ParapetRules", "Parapet"]),
        .testTarget(name: "ParapetOutputTests", dependencies: ["ParapetOutput", "Parapet"]),
        .testTarget(name: "ParapetPolicyTests", dependencies: ["ParapetPolicy", "ParapetRules", "Parapet"]),
        .testTarget(name: "ParapetTestKitTests", dependencies: ["ParapetTestKit", "ParapetRules", "Parapet"]),
        .testTarget(name: "ParapetCLITests", dependencies: ["Parapet"]),
        .testTarget(name: "ParapetServerTests", dependencies: ["ParapetServer", "ParapetHummingbird", "ParapetGateway", .product(name: "Yams", package: "Yams")]),
    ]
)
