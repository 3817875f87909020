import Logging
@_exported import ParapetEngine
@_exported import ParapetRegex
@_exported import ParapetRules
@_exported import ParapetText

/// The facade an application links: inspect input, inspect context, validate output.
///
/// Build one at start-up and share it; every method is safe to call concurrently.
public struct Guard: Sendable {
    public let engine: Engine
    public let logger: Logger

    /// Compiles the default pack (unless `includeDefaultPack` is false) plus every rule directory
    /// given, then applies `overrides` (rules disabled or given another action).
    public init(
        ruleDirectories: [String] = [],
        includeDefaultPack: Bool = true,
        overrides: RuleOverrides = RuleOverrides(),
        config: EngineConfig = EngineConfig(),
        registry: DetectorRegistry = .standard,
        logger: Logger = Logger(label: "parapet", factory: { _ in SwiftLogNoOpLogHandler() })
    ) throws(RuleLoadError) {
        var sources = includeDefaultPack ? DefaultPack.ruleSources : []
        for dir in ruleDirectories { sources += try RuleSource.load(from: dir) }
        let set = try RuleCompiler(registry: registry).compile(sources, overrides: overrides)
        var config = config
        if includeDefaultPack, config.literalGateCache == nil { config.literalGateCache = DefaultPack.literalGates }
        self.init(engine: Engine(ruleSet: set, config: config), logger: logger)
        logger.debug("parapet rules compiled", metadata: ["rules": "\(set.rules.count)", "pack": "\(set.hash)"])
    }

    public init(engine: Engine, logger: Logger = Logger(label: "parapet", factory: { _ in SwiftLogNoOpLogHandler() })) {
        self.engine = engine
        self.logger = logger
    }

    /// Checks a user prompt.
    public func inspectInput(_ text: String, paranoia: Int? = nil) -> Verdict { scan(Array(text.utf8), target: .input, paranoia: paranoia) }

    /// Checks retrieved documents or tool results before they enter the model's context.
    public func inspectContext(_ text: String, paranoia: Int? = nil) -> Verdict { scan(Array(text.utf8), target: .context, paranoia: paranoia) }

    /// Checks model output before it reaches the user or a downstream system.
    public func validateOutput(_ text: String, paranoia: Int? = nil, context: ScanContext? = nil) -> Verdict {
        scan(Array(text.utf8), target: .output, paranoia: paranoia, context: context)
    }

    /// Scans raw bytes for any target; logs the decision (never the text) at debug level.
    public func scan(_ bytes: [UInt8], target: Target, paranoia: Int? = nil, context: ScanContext? = nil) -> Verdict {
        let v = engine.scan(bytes, target: target, paranoia: paranoia, context: context)
        if v.decision != .allow || !v.limits.isEmpty {
            logger.debug("parapet verdict", metadata: [
                "target": "\(target.rawValue)", "decision": "\(v.decision.rawValue)",
                "score": "\(v.score)", "rules": "\(v.ruleIDs.joined(separator: ","))",
            ])
        }
        return v
    }

    /// Wraps untrusted context in delimiters with a fresh random boundary (spotlighting), so the
    /// application can tell the model which text is data; `datamark` also marks every space.
    public func spotlight(_ text: String, datamark: Bool = false) -> (text: String, boundary: String) {
        var rng = SizedSystemRandom()
        let out = Spotlighter.wrap(Array(text.utf8), using: &rng, datamark: datamark ? Spotlighter.defaultMarker : nil)
        return (String(decoding: out.bytes, as: UTF8.self), out.boundary)
    }
}
