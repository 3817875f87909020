// swift-tools-version:5.3
// Tools 5.3 on purpose: a `.target` with a main.swift links as an executable whose `main` is
// libFuzzer's (newer tools versions rename `main` in executable targets, which breaks the link).
import PackageDescription

let package = Package(
    name: "ParapetFuzz",
    dependencies: [
        .package(name: "Parapet", path: ".."),
    ],
    targets: [
        .target(name: "FuzzCommon", dependencies: [.product(name: "Parapet", package: "Parapet")]),
        harness("FuzzRules"),
        harness("FuzzViews"),
        harness("FuzzScan"),
        harness("FuzzJSONL", extra: [.product(name: "ParapetJSON", package: "Parapet")]),
        harness("FuzzPolicy", extra: [.product(name: "ParapetJSON", package: "Parapet")]),
        harness("FuzzStream"),
    ]
)

/// A harness: its main.swift holds only `LLVMFuzzerTestOneInput`; `main` comes from libFuzzer.
/// -parse-as-library and the libFuzzer link are set here, not on the command line, so that build
/// tools with top-level code (the rule-embedding plugin) still compile and link; run.sh adds
/// ASan and coverage instrumentation to every module.
func harness(_ name: String, extra: [Target.Dependency] = []) -> Target {
    .target(name: name, dependencies: ["FuzzCommon"] + extra, 
            swiftSettings: [.unsafeFlags(["-parse-as-library"])],
            linkerSettings: [.unsafeFlags(["-sanitize=fuzzer,address"])])
}
