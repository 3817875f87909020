import Foundation
import Parapet
import ParapetTestKit
import Testing

/// The default pack is read from the form the build plugin composed ahead of time; it must
/// give exactly what parsing the YAML text gives: the same specs, hash and verdicts.
@Suite struct ComposedPackTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let composed = DefaultPack.ruleSources
    static let fromYAML = DefaultPack.ruleSourcesFromYAML

    @Test func everyDefaultRuleFileShipsComposed() {
        #expect(Self.composed.count >= 5)
        for s in Self.composed { #expect(s.composed != nil, "\(s.path) has no composed form: its YAML did not parse at build time") }
        #expect(Self.fromYAML.allSatisfy { $0.composed == nil })
        #expect(Self.composed == Self.fromYAML, "same paths and texts")
    }

    @Test func bothWaysGiveIdenticalSpecsWithEveryField() {
        var rules = 0
        for (a, b) in zip(Self.composed, Self.fromYAML) {
            let x = RuleFileParser.parse(a), y = RuleFileParser.parse(b)
            #expect(x.diagnostics.isEmpty && y.diagnostics.isEmpty, "\(a.path)")
            #expect(x.rules.count == y.rules.count, "\(a.path)")
            for (r, s) in zip(x.rules, y.rules) {
                // Equatable is synthesized over every stored field, locations and examples included.
                #expect(r == s, "\(r.id) differs between the composed form and the YAML text")
            }
            rules += x.rules.count
        }
        #expect(rules >= 100)
    }

    @Test func theComposedFormIsWhatGetsRead() throws {
        let real = try #require(Self.composed.first { !RuleFileParser.parse($0).rules.isEmpty })
        // Text that is not YAML at all: the rules can only come from the composed form.
        let fast = RuleFileParser.parse(RuleSource(path: real.path, text: "rules: [", composed: real.composed))
        #expect(fast.diagnostics.isEmpty)
        #expect(fast.rules == RuleFileParser.parse(real).rules)
        // A composed form that does not decode falls back to the text, diagnostics and all.
        let fallback = RuleFileParser.parse(RuleSource(path: "x.yaml", text: "rules: [", composed: "[9]"))
        #expect(fallback.rules.isEmpty)
        #expect(fallback.diagnostics.map(\.code) == [.yamlSyntax])
        #expect(fallback.diagnostics.first?.location.file == "x.yaml")
    }

    @Test func compiledSetsMatchAndScanTheCorpusIdentically() throws {
        let registry = DetectorRegistry.standard
        let a = try RuleCompiler(registry: registry).compile(Self.composed)
        let b = try RuleCompiler(registry: registry).compile(Self.fromYAML)
        #expect(a.hash == b.hash)
        #expect(a.files == b.files)
        #expect(a.rules.map(\.spec) == b.rules.map(\.spec))
        #expect(a.rules.map { $0.patterns.map(\.source) } == b.rules.map { $0.patterns.map(\.source) })
        let fast = Engine(ruleSet: a), slow = Engine(ruleSet: b)

        var texts: [(String, Target, Int)] = []
        for file in CorpusLoader.files(under: Self.root.appendingPathComponent("corpus").path) {
            for c in CorpusLoader.load(path: file).cases { texts.append((c.text, c.target, c.paranoia ?? 1)) }
        }
        #expect(texts.count >= 500)
        for rule in a.rules {
            let ex = rule.spec.examples
            for e in ex.match + ex.noMatch + ex.todoMatch {
                for t in e.target.map({ [$0] }) ?? rule.spec.appliesTo { texts.append((e.text, t, 4)) }
            }
        }
        var blocked = 0
        for (text, target, pl) in texts {
            let x = fast.scan(Array(text.utf8), target: target, paranoia: pl)
            let y = slow.scan(Array(text.utf8), target: target, paranoia: pl)
            if x.decision == .block { blocked += 1 }
            let same = x.decision == y.decision && x.score == y.score && x.findings == y.findings
                && x.sanitized == y.sanitized && x.limits == y.limits && x.failMode == y.failMode
            #expect(same, "verdicts differ for \(target.rawValue) PL\(pl): \(text.prefix(80))")
        }
        #expect(blocked > 100, "the comparison must cover texts that fire")
    }
}
