import Foundation
import ParapetRules

/// The rule packs shipped with Parapet, embedded at build time from `rules/`.
public enum DefaultPack {
    /// Rule sources (everything but `policies/`), named `<default>/path` in diagnostics. Each
    /// carries its build-time composed form, so compiling them parses no YAML.
    public static var ruleSources: [RuleSource] {
        EmbeddedRules.files.filter { !$0.path.hasPrefix("policies/") }.map {
            RuleSource(path: "<default>/" + $0.path, text: $0.text, composed: $0.composed)
        }
    }

    /// The same rule sources without their composed form: compiling these parses the YAML
    /// text at run time, the way user rule directories are read (for tests and benchmarks).
    public static var ruleSourcesFromYAML: [RuleSource] {
        ruleSources.map { RuleSource(path: $0.path, text: $0.text) }
    }

    /// Policy files shipped under `rules/policies/`.
    public static var policySources: [RuleSource] {
        EmbeddedRules.files.filter { $0.path.hasPrefix("policies/") }.map { RuleSource(path: "<default>/" + $0.path, text: $0.text) }
    }

    /// The default pack's literal gates, extracted ahead of time (`DefaultPackGates.swift`), so
    /// building an engine from the pack skips most literal extraction. A rule changed since the
    /// file was generated is simply extracted at start-up; nil if the file is unreadable.
    public static let literalGates: LiteralGateCache? = readLiteralGates()

    /// Reads the shipped gate file anew (what `literalGates` does once; for benchmarks).
    public static func readLiteralGates() -> LiteralGateCache? { LiteralGateCache(text: DefaultPackGates.text) }

    /// Linear models shipped under `rules/models/` (name -> `.plm` bytes), for the
    /// `linear-model` detector.
    public static let models: [String: [UInt8]] = {
        var out: [String: [UInt8]] = [:]
        for entry in EmbeddedRules.models { out[entry.name] = [UInt8](Data(base64Encoded: entry.base64) ?? Data()) }
        return out
    }()
}
