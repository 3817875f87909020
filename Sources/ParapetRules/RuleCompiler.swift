import Dispatch
import ParapetRegex

/// Turns rule sources into one compiled rule set, or every diagnostic found on the way.
public struct RuleCompiler: Sendable {
    public let registry: DetectorRegistry

    public init(registry: DetectorRegistry) { self.registry = registry }

    public func compile(_ sources: [RuleSource], overrides: RuleOverrides = RuleOverrides()) throws(RuleLoadError) -> CompiledRuleSet {
        var diagnostics: [Diagnostic] = []
        var specs: [RuleSpec] = []
        for source in sources {
            let parsed = RuleFileParser.parse(source)
            diagnostics += parsed.diagnostics
            specs += parsed.rules
        }
        var firstSeen: [String: SourceLocation] = [:]
        var kept: [RuleSpec] = []
        for spec in specs {
            if let first = firstSeen[spec.id] {
                diagnostics.append(Diagnostic(.duplicateID, "duplicate rule id '\(spec.id)' (first defined at \(first))", at: spec.location, rule: spec.id))
                continue
            }
            firstSeen[spec.id] = spec.location
            kept.append(spec)
        }
        let overridden = overrides.apply(to: kept)
        kept = overridden.specs
        diagnostics += overridden.diagnostics
        var patterns = PatternBatch.compile(kept).makeIterator()
        var compiled: [CompiledRule] = []
        for spec in kept {
            let mine = spec.patterns.map { _ in patterns.next()! }
            if let rule = compileRule(spec, patterns: mine, &diagnostics) { compiled.append(rule) }
        }
        if sources.isEmpty {
            diagnostics.append(Diagnostic(.emptyPack, "no rule files found", at: SourceLocation(file: "<rules>", line: 1, column: 1)))
        }
        if !diagnostics.isEmpty { throw RuleLoadError(diagnostics) }
        return CompiledRuleSet(rules: compiled, hash: Self.hash(sources, overrides: overrides), files: sources.map(\.path))
    }

    /// Resolves one rule; `compiledPatterns` are its patterns' PCRE2 results, in order.
    func compileRule(_ spec: RuleSpec, patterns compiledPatterns: [Result<Pattern, PatternError>], _ diagnostics: inout [Diagnostic]) -> CompiledRule? {
        let before = diagnostics.count
        var patterns: [Pattern] = []
        for (p, result) in zip(spec.patterns, compiledPatterns) {
            switch result {
            case .success(let pattern):
                patterns.append(pattern)
            case .failure(let error):
                // PCRE2 reports a byte offset into the pattern; columns count characters.
                let prefix = p.source.utf8.prefix(error.offset)
                let chars = String(decoding: prefix, as: UTF8.self).unicodeScalars.count
                let loc = SourceLocation(file: p.location.file, line: p.location.line, column: p.location.column + p.columnShift + chars)
                diagnostics.append(Diagnostic(.invalidPattern, "invalid pattern: \(error.message)", at: loc, rule: spec.id))
            }
        }
        var detector: (any Detector)?
        if let d = spec.detector {
            if let factory = registry.detectors[d.name] {
                do { detector = try factory.make(d.params) } catch {
                    let message = (error as? DetectorParamError)?.message ?? "\(error)"
                    diagnostics.append(Diagnostic(.detectorParams, "detector '\(d.name)': \(message)", at: d.location, rule: spec.id))
                }
            } else {
                let known = registry.detectors.keys.sorted().joined(separator: ", ")
                diagnostics.append(Diagnostic(.unknownDetector, "unknown detector '\(d.name)' (known: \(known))", at: d.location, rule: spec.id))
            }
        }
        var validator: MatchValidator?
        if let v = spec.validator {
            validator = registry.validators[v]
            if validator == nil {
                let known = registry.validators.keys.sorted().joined(separator: ", ")
                diagnostics.append(Diagnostic(.unknownValidator, "unknown validator '\(v)' (known: \(known))", at: spec.location, rule: spec.id))
            }
        }
        guard diagnostics.count == before else { return nil }
        return CompiledRule(spec: spec, patterns: patterns, detector: detector, validator: validator, allowlist: Set(spec.allowlist.map { Array($0.utf8) }))
    }

    /// FNV-1a over the contents in path order: cheap, and the same wherever the pack is installed.
    static func hash(_ sources: [RuleSource], overrides: RuleOverrides = RuleOverrides()) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        var texts = sources.sorted(by: { $0.path < $1.path }).map(\.text)
        if !overrides.isEmpty { texts.append(overrides.fingerprint) }
        for var text in texts {
            text.withUTF8 { for b in $0 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 } }
        }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
