import Foundation
import Testing
import Parapet

/// Each engine-level limit is tripped on purpose; the verdict must carry a limit of that kind
/// and follow the fail mode: block when closed (the default), allow with `failMode == .open`.
@Suite("Limits: engine")
struct LimitsEngineTests {
    /// A scenario: rules, config and input that trip exactly one limit kind without any rule firing.
    struct Case: CustomTestStringConvertible, Sendable {
        let kind: LimitKind
        let patterns: [String]
        let config: EngineConfig
        let input: [UInt8]
        var views = ["raw"]
        var testDescription: String { "\(kind.rawValue) (\(views.joined(separator: "+")))" }
    }

    /// `text` base64-encoded `levels` times (decoding it takes that many nested steps).
    static func nestedBase64(_ text: String, levels: Int) -> [UInt8] {
        var s = text
        for _ in 0..<levels { s = Data(s.utf8).base64EncodedString() }
        return Array(("document: " + s + " end").utf8)
    }

    static let cases: [Case] = [
        Case(kind: .inputSize, patterns: ["forbidden"], config: EngineConfig(maxInputBytes: 64),
             input: LimitsSupport.bytes("harmless ", 20)),
        // Nested quantifier: exponential backtracking, stopped by the match limit (JIT honours it).
        Case(kind: .matchLimit, patterns: ["(a+)+$"], config: EngineConfig(matchLimits: MatchLimits(matchLimit: 10_000)),
             input: LimitsSupport.bytes("a", 5_000, then: "!")),
        // The depth and heap limits bind the interpreter only, so these patterns opt out of the JIT.
        Case(kind: .depthLimit, patterns: ["(*NO_JIT)(a|b)*c"], config: EngineConfig(matchLimits: MatchLimits(depthLimit: 500)),
             input: LimitsSupport.bytes("a", 5_000, then: "xc")),
        Case(kind: .heapLimit, patterns: ["(*NO_JIT)(a|b)*c"], config: EngineConfig(matchLimits: MatchLimits(depthLimit: 1_000_000, heapLimitKiB: 64)),
             input: LimitsSupport.bytes("a", 20_000, then: "xc")),
        // Deep recursion on the JIT's own stack.
        Case(kind: .jitStack, patterns: ["(a(?1)?)"], config: EngineConfig(matchLimits: MatchLimits(jitStackBytes: 32 << 10)),
             input: LimitsSupport.bytes("a", 20_000)),
        // Patterns without a required literal, so the literal prefilter cannot skip them; they
        // read the canonical view too, where the byte-class gate (raw-only rules) does not apply.
        Case(kind: .workBudget, patterns: ["\\d{5}", "\\d{2}[.,]\\d", "[0-9]{3}[+-]"], config: EngineConfig(maxWorkBytes: 1_000),
             input: LimitsSupport.bytes("harmless ", 50), views: ["raw", "canonical"]),
        Case(kind: .workBudget, patterns: ["\\d{5}", "\\d{2}[.,]\\d"], config: EngineConfig(maxScanDuration: .zero),
             input: LimitsSupport.bytes("harmless ", 50), views: ["raw", "canonical"]),
        // Decoding runs only for rules that look at decoded views.
        Case(kind: .decodeDepth, patterns: ["forbidden"], config: EngineConfig(viewOptions: ViewOptions(decodeDepth: 1)),
             input: nestedBase64("a perfectly harmless sentence about pasta", levels: 3), views: ["raw", "decoded"]),
        Case(kind: .decodeExpansion, patterns: ["forbidden"], config: EngineConfig(viewOptions: ViewOptions(maxDecodedBytes: 16)),
             input: nestedBase64("a perfectly harmless sentence about pasta", levels: 1), views: ["raw", "decoded"]),
    ]

    @Test("a tripped limit blocks by default", arguments: cases)
    func blocksWhenClosed(_ c: Case) throws {
        let engine = try LimitsSupport.engine(c.patterns, views: c.views, config: c.config)
        for target in Target.allCases {
            let v = engine.scan(c.input, target: target)
            #expect(v.limits.map(\.kind).contains(c.kind), "\(target): limits \(v.limits.map(\.kind))")
            #expect(v.findings.isEmpty, "no rule should fire: \(v.ruleIDs)")
            #expect(v.decision == .block)
            #expect(v.failMode == .closed)
        }
    }

    @Test("a tripped limit allows, and says so, when the target fails open", arguments: cases)
    func allowsWhenOpen(_ c: Case) throws {
        let engine = try LimitsSupport.engine(c.patterns, views: c.views, config: LimitsSupport.failingOpen(c.config))
        let v = engine.scan(c.input, target: .input)
        #expect(v.limits.map(\.kind).contains(c.kind))
        #expect(v.decision == .allow)
        #expect(v.failMode == .open)
    }

    @Test("fail modes are per target")
    func perTargetFailMode() throws {
        var config = EngineConfig(maxInputBytes: 16)
        config.failModes[.context] = .open
        let engine = try LimitsSupport.engine(["forbidden"], config: config)
        let input = LimitsSupport.bytes("harmless ", 4)
        #expect(engine.scan(input, target: .context).decision == .allow)
        #expect(engine.scan(input, target: .input).decision == .block)
        #expect(engine.scan(input, target: .output).decision == .block)
    }

    @Test("the decode cases decode fine within the default bounds")
    func decodeControls() throws {
        let engine = try LimitsSupport.engine(["harmless sentence"], views: ["decoded"])
        let v = engine.scan(Self.nestedBase64("a perfectly harmless sentence about pasta", levels: 3), target: .input)
        #expect(v.limits.isEmpty)
        #expect(v.ruleIDs == ["t.limit.r0"], "three levels are within the default depth of 3")
    }

    @Test("the same rules and input without the limit give a clean allow")
    func controls() throws {
        // Proves each case above is about its limit, not about the input being suspicious.
        let generous = EngineConfig(matchLimits: MatchLimits(matchLimit: 1_000_000, depthLimit: 1_000_000, heapLimitKiB: 1 << 20, jitStackBytes: 8 << 20),
                                    maxInputBytes: 1 << 20)
        let engine = try LimitsSupport.engine(["forbidden", "banned"], config: generous)
        let v = engine.scan(LimitsSupport.bytes("harmless ", 50), target: .input)
        #expect(v.limits.isEmpty)
        #expect(v.decision == .allow)
        #expect(v.failMode == nil)
    }

    @Test("input over the size limit is scanned up to the limit, cut on a character boundary")
    func inputSizeCut() throws {
        let engine = try LimitsSupport.engine(["forbidden"], config: EngineConfig(maxInputBytes: 10))
        // "é" is two bytes: a cut at 10 would split the sixth one.
        let input = Array(String(repeating: "é", count: 8).utf8) + Array("forbidden".utf8)
        let v = engine.scan(input, target: .input)
        #expect(v.limits.map(\.kind) == [.inputSize])
        #expect(v.findings.isEmpty, "text past the limit is not scanned")
        let early = engine.scan(Array("forbidden".utf8) + LimitsSupport.bytes("x", 40), target: .input)
        #expect(early.ruleIDs == ["t.limit.r0"], "text before the limit still is")
        #expect(early.decision == .block)
    }

    @Test("findings beyond the cap are counted, not kept, and the cap is a limit hit")
    func findingsCap() throws {
        let config = EngineConfig(maxFindings: 3)
        let engine = try LimitsSupport.engine(["\\bkey-[0-9]+\\b"], action: "redact", config: config)
        let input = Array((0..<10).map { "key-\($0)" }.joined(separator: " ").utf8)
        let v = engine.scan(input, target: .output)
        #expect(v.findings.count == 3)
        #expect(v.limits.map(\.kind) == [.findingsCap])
        #expect(v.decision == .block)
        let open = try LimitsSupport.engine(["\\bkey-[0-9]+\\b"], action: "redact", config: LimitsSupport.failingOpen(config))
        let w = open.scan(input, target: .output)
        #expect(w.decision == .sanitize, "open: the kept redactions still apply")
        #expect(w.failMode == .open)
    }

    @Test("the work budget stops later rules but keeps findings made before it ran out")
    func workBudgetKeepsEarlierFindings() throws {
        let input = Array("forbidden words here".utf8)
        // Each pass over the raw view costs 20 bytes: the first rule runs, the second does not.
        let engine = try LimitsSupport.engine(["forbidden", "words"], score: 5, config: EngineConfig(maxWorkBytes: 30))
        let v = engine.scan(input, target: .input)
        #expect(v.ruleIDs == ["t.limit.r0"])
        #expect(v.limits.count == 1)
        #expect(v.limits.first?.kind == .workBudget)
        #expect(v.limits.first?.rule == "t.limit.r1")
    }
}
