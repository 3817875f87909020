import ParapetEngine
import ParapetRules

/// `parapet lint`: static checks on rule files beyond what the compiler rejects.
public enum RuleLinter {
    /// Lints `sources` as one pack. Load and compile errors come first (E-codes), then lint
    /// findings (L-codes), sorted by location. `registry` resolves detectors and validators.
    public static func lint(_ sources: [RuleSource], registry: DetectorRegistry) -> [LintDiagnostic] {
        var out: [LintDiagnostic] = []
        var specs: [RuleSpec] = []
        for source in sources {
            let parsed = RuleFileParser.parse(source)
            specs += parsed.rules
        }
        var engine: Engine?
        do {
            engine = Engine(ruleSet: try RuleCompiler(registry: registry).compile(sources))
        } catch {
            out += error.diagnostics.map(LintDiagnostic.init)
        }
        // "Runs on every text" comes from the engine's own prefilter, so lint and scans agree.
        let alwaysRun = engine.map { Set(Prefilter.rulesWithoutLiterals($0.ruleSet)) } ?? []
        for spec in specs {
            out += lintRule(spec)
            if alwaysRun.contains(spec.id) { out += noLiteral(spec) }
        }
        out += duplicates(specs)
        if let engine { out += shadowed(engine) + controlSpaceLiterals(engine) }
        return out.sorted { ($0.location, $0.code) < ($1.location, $1.code) }
    }

    static func lintRule(_ spec: RuleSpec) -> [LintDiagnostic] {
        var out: [LintDiagnostic] = []
        let id = spec.id
        if !isWellFormedID(id) {
            out.append(LintDiagnostic(.badID, .error, "rule id '\(id)' does not follow family.subfamily.name",
                                      help: "use lowercase words, digits and dashes in at least three dot-separated parts, e.g. pi.override.ignore-previous",
                                      at: spec.location, rule: id))
        }
        for p in spec.patterns {
            for risk in BacktrackingAnalysis.risks(in: p.source, caseless: !spec.caseSensitive) {
                let loc = SourceLocation(file: p.location.file, line: p.location.line, column: p.location.column + p.columnShift + risk.offset)
                out.append(LintDiagnostic(risk.code, risk.code == .unboundedPair ? .warning : .error, risk.message, help: risk.help, at: loc, rule: id))
            }
        }
        if spec.examples.match.count < 3 {
            out.append(LintDiagnostic(.tooFewMatchExamples, .error, "\(spec.examples.match.count) match example(s); every rule needs at least 3",
                                      help: "add texts the rule must catch under examples.match", at: spec.location, rule: id))
        }
        if spec.examples.noMatch.count < 3 {
            out.append(LintDiagnostic(.tooFewNoMatchExamples, .error, "\(spec.examples.noMatch.count) no_match example(s); every rule needs at least 3",
                                      help: "add near-miss texts that must stay clean under examples.no_match, with a note saying why", at: spec.location, rule: id))
        }
        if spec.score == 0, spec.action == .flag {
            out.append(LintDiagnostic(.scoreOrParanoia, .warning, "score 0 with action flag: the rule can never change a decision",
                                      help: "give it a score (5 blocks alone, 2-3 needs company) or remove it", at: spec.location, rule: id))
        } else if spec.score > 10 {
            out.append(LintDiagnostic(.scoreOrParanoia, .warning, "score \(spec.score) is more than twice the block threshold of 5",
                                      help: "use 5 to block alone; a larger score only hides how other rules add up", at: spec.location, rule: id))
        }
        if spec.paranoia == 1, spec.score >= 5, spec.maxFPRate.map({ $0 > 0.05 }) == true {
            out.append(LintDiagnostic(.scoreOrParanoia, .warning, "blocks alone at paranoia 1 while allowing a \(Percent.format(spec.maxFPRate!)) false-positive rate",
                                      help: "move it to paranoia 2+ or lower its score; paranoia 1 must have very few false alarms", at: spec.location, rule: id))
        }
        return out
    }

    /// Warnings for a pattern rule the engine runs on every text: one per pattern the engine's
    /// literal extraction cannot read (or one for the rule when its declared literals are unusable).
    static func noLiteral(_ spec: RuleSpec) -> [LintDiagnostic] {
        guard !spec.patterns.isEmpty else { return [] }  // detectors without trigger words
        let help = "declare `literals:` (strings one of which every match contains), or add a fixed word to the pattern"
        var out: [LintDiagnostic] = []
        for p in spec.patterns where LiteralExtraction.requiredLiterals(of: p.source, caseless: !spec.caseSensitive) == nil {
            out.append(LintDiagnostic(.noPrefilterLiteral, .warning,
                                      "pattern has no literal of \(LiteralExtraction.minimumLength)+ characters that every match contains, so it runs on every text",
                                      help: help,
                                      at: SourceLocation(file: p.location.file, line: p.location.line, column: p.location.column + p.columnShift), rule: spec.id))
        }
        if out.isEmpty {
            out.append(LintDiagnostic(.noPrefilterLiteral, .warning, "the rule's declared literals are unusable (empty), so it runs on every text",
                                      help: help, at: spec.location, rule: spec.id))
        }
        return out
    }

    /// Rules whose gate holds a literal with a byte 0x09-0x0D. The canonical view turns those
    /// bytes into spaces, so the engine can no longer read raw and canonical hits in one pass,
    /// and every scan of the pack pays for two literal passes.
    static func controlSpaceLiterals(_ engine: Engine) -> [LintDiagnostic] {
        engine.ruleSet.rules.compactMap { rule in
            guard let literals = Prefilter.literals(for: rule),
                  let bad = literals.first(where: { $0.contains { $0 >= 0x09 && $0 <= 0x0D } }) else { return nil }
            let shown = String(decoding: bad, as: UTF8.self).debugDescription
            return LintDiagnostic(.controlSpaceLiteral, .warning,
                                  "gate literal \(shown) holds a tab, newline or other control space, which makes every scan of the pack run two literal passes",
                                  help: "use a space or drop the control byte from the literal (and, if needed, from the pattern's start)",
                                  at: rule.spec.location, rule: rule.id)
        }
    }

    /// `family.subfamily.name`: 3+ dot-separated parts of `[a-z0-9]` words joined by dashes.
    public static func isWellFormedID(_ id: String) -> Bool {
        let parts = id.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 3 else { return false }
        return parts.allSatisfy { part in
            let words = part.split(separator: "-", omittingEmptySubsequences: false)
            return words.allSatisfy { w in !w.isEmpty && w.utf8.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) } }
        }
    }

    static func duplicates(_ specs: [RuleSpec]) -> [LintDiagnostic] {
        var seen: [[String]: RuleSpec] = [:]
        var out: [LintDiagnostic] = []
        for spec in specs where !spec.patterns.isEmpty {
            let key = spec.patterns.map(\.source).sorted() + ["case:\(spec.caseSensitive)"]
            if let first = seen[key] {
                out.append(LintDiagnostic(.duplicateRule, .error, "same patterns as rule '\(first.id)' (\(first.location))",
                                          help: "merge the two rules, keeping the examples of both", at: spec.location, rule: spec.id))
            } else {
                seen[key] = spec
            }
        }
        return out
    }

    /// A rule whose every positive example another rule (active as early, on the same targets)
    /// also catches adds nothing but score.
    static func shadowed(_ engine: Engine) -> [LintDiagnostic] {
        var out: [LintDiagnostic] = []
        let rules = engine.ruleSet.rules
        var firedBy: [String: [Set<String>]] = [:]
        for rule in rules {
            firedBy[rule.id] = rule.spec.examples.match.map { ex in
                let target = ex.target ?? rule.spec.appliesTo.first ?? .input
                return Set(engine.scan(Array(ex.text.utf8), target: target, paranoia: 4).ruleIDs)
            }
        }
        for a in rules where !a.spec.examples.match.isEmpty {
            for b in rules where b.id != a.id && b.spec.paranoia <= a.spec.paranoia && Set(a.spec.appliesTo).isSubset(of: b.spec.appliesTo) {
                guard firedBy[a.id]!.allSatisfy({ $0.contains(b.id) }) else { continue }
                // A rule shadowing a rule that also shadows it back: report only the later one.
                let mutual = firedBy[b.id]!.allSatisfy { $0.contains(a.id) } && b.spec.paranoia == a.spec.paranoia
                if mutual, b.spec.location > a.spec.location { continue }
                out.append(LintDiagnostic(.shadowedRule, .warning, "every match example is also caught by rule '\(b.id)' (\(b.spec.location))",
                                          help: "add examples only this rule catches, or merge it into '\(b.id)'", at: a.spec.location, rule: a.id))
                break
            }
        }
        return out
    }
}
