import Foundation
import ParapetRules

/// The rule packs shipped with Parapet, embedded at build time from `rules/`.
public enum DefaultPack {
    /// Rule sources (everything but `policies/`), named `<default>/path` in diagnostics.
    public static var ruleSources: [RuleSource] {
        files.filter { !$0.path.hasPrefix("policies/") }.map { RuleSource(path: "<default>/" + $0.path, text: $0.text) }
    }

    /// Policy files shipped under `rules/policies/`.
    public static var policySources: [RuleSource] {
        files.filter { $0.path.hasPrefix("policies/") }.map { RuleSource(path: "<default>/" + $0.path, text: $0.text) }
    }

    /// Linear models shipped under `rules/models/` (name -> `.plm` bytes), for the
    /// `linear-model` detector.
    public static let models: [String: [UInt8]] = {
        var out: [String: [UInt8]] = [:]
        for entry in EmbeddedRules.models { out[entry.name] = [UInt8](Data(base64Encoded: entry.base64) ?? Data()) }
        return out
    }()

    static var files: [(path: String, text: String)] {
        EmbeddedRules.files.map { entry in
            let data = Data(base64Encoded: entry.base64) ?? Data()
            return (entry.path, String(decoding: data, as: UTF8.self))
        }
    }
}
