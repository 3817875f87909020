import Testing
import Parapet

/// Known catastrophic-backtracking pattern/input pairs, compiled as rules and run through the
/// engine with the default limits: each must come back quickly with a PCRE2 limit hit (and so a
/// fail-closed block), never hang and never read as "no match".
@Suite("ReDoS")
struct ReDoSTests {
    struct Pair: CustomTestStringConvertible, Sendable {
        let pattern: String
        let input: [UInt8]
        var testDescription: String { pattern }
    }

    static let n = 30_000

    static let pairs: [Pair] = [
        Pair(pattern: "(a+)+$", input: LimitsSupport.bytes("a", n, then: "!")),
        Pair(pattern: "^(a+)+$", input: LimitsSupport.bytes("a", n, then: "!")),
        Pair(pattern: "(a|aa)+$", input: LimitsSupport.bytes("a", n, then: "!")),
        Pair(pattern: "(a|a?)+$", input: LimitsSupport.bytes("a", n, then: "!")),
        Pair(pattern: "(.*a){20}", input: LimitsSupport.bytes("a", n, then: "xc")),
        Pair(pattern: "((a|a)|(a|a))+$", input: LimitsSupport.bytes("a", n, then: "!")),
        Pair(pattern: "(x+x+)+y", input: LimitsSupport.bytes("x", n, then: "zy")),
        Pair(pattern: "(a*)*b", input: LimitsSupport.bytes("a", n, then: "cb")),
        Pair(pattern: "^(\\w+\\s?)*$", input: LimitsSupport.bytes("word ", n / 5, then: "!")),
        Pair(pattern: "(?:(?:a|b|ab)+)+c", input: LimitsSupport.bytes("ab", n / 2, then: "dc")),
        Pair(pattern: "^([a-z0-9]+([._-]?[a-z0-9]+)*)@x\\.com$", input: LimitsSupport.bytes("a", n, then: "!@x.com")),
        Pair(pattern: "(\\d+)*\\D$", input: LimitsSupport.bytes("1", n, then: "x1")),
        // A rule-shaped one: words with optional separators, nested.
        Pair(pattern: "(?:\\w+\\s?)+instructions!", input: LimitsSupport.bytes("word ", n / 5, then: "!")),
    ]

    @Test("JIT: every pathological pair stops on a limit", arguments: pairs)
    func jit(_ pair: Pair) throws {
        try check(pattern: pair.pattern, input: pair.input)
    }

    @Test("interpreter: every pathological pair stops on a limit", arguments: pairs)
    func interpreter(_ pair: Pair) throws {
        try check(pattern: "(*NO_JIT)" + pair.pattern, input: pair.input)
    }

    func check(pattern: String, input: [UInt8]) throws {
        // Prefilter off: a missing required literal would (rightly) skip some of these patterns
        // altogether, and this suite is about what the regex limits do when the pattern runs.
        let engine = try LimitsSupport.engine([pattern], views: ["raw", "canonical"], config: EngineConfig(usePrefilter: false))
        let clock = ContinuousClock()
        var verdict: Verdict?
        let elapsed = clock.measure { verdict = engine.scan(input, target: .input) }
        let v = try #require(verdict)
        let pcreKinds: Set<LimitKind> = [.matchLimit, .depthLimit, .heapLimit, .jitStack]
        #expect(v.limits.contains { pcreKinds.contains($0.kind) && $0.rule == "t.limit.r0" }, "limits: \(v.limits.map(\.kind))")
        #expect(v.decision == .block)
        #expect(v.failMode == .closed)
        // Generous: shared CI machines are noisy; an unbounded run would take hours, not seconds.
        #expect(elapsed < .seconds(20), "took \(elapsed)")
    }
}
