import Foundation
import Parapet
import Testing
@testable import ParapetEngine

/// Literal gates read from a cache instead of extracted: the shipped file is current, the text
/// form is lossless, a changed rule is extracted, and a damaged file is ignored.
struct LiteralGateCacheTests {
    static func ruleSet(_ patterns: [String], id: String = "t.cache") throws -> CompiledRuleSet {
        let yaml = """
        rules:
          - id: \(id)
            summary: cache test
            applies_to: [input]
            patterns:
        \(patterns.map { "      - '\($0)'" }.joined(separator: "\n"))
        """
        return try RuleCompiler(registry: .standard).compile([RuleSource(path: "cache.yaml", text: yaml)])
    }

    /// Every default-pack rule is in the shipped file, with exactly the gates extraction gives
    /// today. Fails after a rule or the extraction changes until the file is regenerated.
    @Test func shippedGatesAreCurrent() throws {
        let shipped = try #require(DefaultPack.literalGates, "Sources/Parapet/DefaultPackGates.swift does not parse")
        let set = try RuleCompiler(registry: .standard).compile(DefaultPack.ruleSources)
        var stale: [String] = []
        for rule in set.rules {
            guard let cached = shipped.gates(for: rule), cached == Prefilter.gates(for: rule) else {
                stale.append(rule.id)
                continue
            }
        }
        #expect(stale.isEmpty, "literal gates out of date for \(stale): run scripts/update-literal-gates.sh")
    }

    /// Literal bytes the text form must escape (newline, `|`, `\`, `#`, `"`, 0xFF, UTF-8),
    /// empty literals and clauses, gates without clauses and always-run rules all read back.
    @Test func textRoundTrips() throws {
        var cache = LiteralGateCache(ruleSet: try Self.ruleSet(["ignore (?:all|any) rules"]))
        let odd: [[UInt8]] = [[0xFF], [0x0A, 0x0D, 0x09], Array("a|b\\c#d\"e".utf8), Array(" two  spaces ".utf8), Array("игнор".utf8), []]
        cache.entries[LiteralGateCache.Key(a: 1, b: 2)] = .init(gates: [
            Prefilter.Gate(clauses: [odd, [], [Array("x".utf8)]], exactCase: true),
            Prefilter.Gate(clauses: []),
        ])
        cache.entries[LiteralGateCache.Key(a: .max, b: 0)] = .init(gates: nil)
        cache.entries[LiteralGateCache.Key(a: 0, b: .max)] = .init(gates: [])
        let text = cache.text
        #expect(text.utf8.allSatisfy { $0 == 0x0A || ($0 >= 0x20 && $0 < 0x7F) })
        let read = try #require(LiteralGateCache(text: text))
        #expect(read.entries == cache.entries)
        #expect(read.count == 4)
        // Regenerating gives the same text (sorted keys), so the shipped file does not churn.
        #expect(read.text == text)
    }

    /// A rule whose pattern changed misses the cache and is extracted; an unchanged rule takes
    /// its gates from the cache, as a planted (wrong) entry shows.
    @Test func theEngineReadsOnlyMatchingEntries() throws {
        let original = try Self.ruleSet(["ignore (?:all|any) rules"])
        var cache = LiteralGateCache(ruleSet: original)
        let changed = try Self.ruleSet(["disregard (?:all|any) rules"])
        #expect(cache.gates(for: changed.rules[0]) == nil)
        var config = EngineConfig()
        config.literalGateCache = cache
        let fromChanged = Engine(ruleSet: changed, config: config).prefilter
        #expect(fromChanged.ruleLiterals == Engine(ruleSet: changed).prefilter.ruleLiterals)
        #expect(fromChanged.ruleLiterals[0]?.contains(Array("disregard al".utf8)) == true)

        let key = LiteralGateCache.key(for: original.rules[0])
        cache.entries[key] = .init(gates: [Prefilter.Gate(clauses: [[Array("planted".utf8)]])])
        config.literalGateCache = cache
        #expect(Engine(ruleSet: original, config: config).prefilter.ruleLiterals == [[Array("planted".utf8)]])
        cache.entries[key] = .init(gates: nil)
        config.literalGateCache = cache
        #expect(Engine(ruleSet: original, config: config).prefilter.ruleLiterals == [nil])
    }

    /// The key covers each input of the gates: pattern text, case mode, views, declared literals.
    @Test func everyGateInputChangesTheKey() throws {
        func key(_ rule: String) throws -> LiteralGateCache.Key {
            let yaml = "rules:\n  - id: t.key\n    summary: key test\n    applies_to: [input]\n" + rule
            return LiteralGateCache.key(for: try RuleCompiler(registry: .standard).compile([RuleSource(path: "k.yaml", text: yaml)]).rules[0])
        }
        let base = try key("    patterns:\n      - 'reveal (?:the )?prompt'\n")
        let variants = [
            "    patterns:\n      - 'reveal (?:the )?prompts'\n",
            "    case_sensitive: true\n    patterns:\n      - 'reveal (?:the )?prompt'\n",
            "    views: [raw]\n    patterns:\n      - 'reveal (?:the )?prompt'\n",
            "    literals: [reveal]\n    patterns:\n      - 'reveal (?:the )?prompt'\n",
            "    patterns:\n      - 'reveal (?:the )?prompt'\n      - 'reveal (?:the )?prompt'\n",
        ]
        var keys: Set<LiteralGateCache.Key> = [base]
        for v in variants { keys.insert(try key(v)) }
        #expect(keys.count == variants.count + 1)
        // The rule's id is not an input: the same rule under another id shares the entry.
        #expect(try key("    patterns:\n      - 'reveal (?:the )?prompt'\n") == base)
    }

    /// A damaged or foreign file is ignored as a whole (every rule is then extracted).
    @Test func damagedTextIsIgnored() throws {
        let text = LiteralGateCache(ruleSet: try Self.ruleSet(["ignore (?:all|any) rules"])).text
        #expect(LiteralGateCache(text: text) != nil)
        #expect(LiteralGateCache(text: "") == nil)
        #expect(LiteralGateCache(text: "parapet-literal-gates 0\n" + text.split(separator: "\n", maxSplits: 1)[1]) == nil)
        #expect(LiteralGateCache(text: String(text.dropLast(3))) == nil)
        #expect(LiteralGateCache(text: text.replacingOccurrences(of: "\nc 1 ", with: "\nc 7 ")) == nil)
        var badKey = Array(text.utf8)
        badKey[LiteralGateCache.formatTag.utf8.count + 1] = UInt8(ascii: "z")
        #expect(LiteralGateCache(text: String(decoding: badKey, as: UTF8.self)) == nil)
    }

    /// `Guard` hands the shipped gates to the engine only when it compiles the default pack.
    @Test func guardUsesTheShippedGatesWithTheDefaultPack() throws {
        #expect(try Guard().engine.config.literalGateCache?.count == DefaultPack.literalGates?.count)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("parapet-gates-\(UInt64.random(in: 0 ... .max))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let yaml = "rules:\n  - id: t.own\n    summary: own rule\n    applies_to: [input]\n    patterns:\n      - 'reveal (?:the )?prompt'\n"
        try yaml.write(to: dir.appendingPathComponent("own.yaml"), atomically: true, encoding: .utf8)
        #expect(try Guard(ruleDirectories: [dir.path], includeDefaultPack: false).engine.config.literalGateCache == nil)
    }
}
