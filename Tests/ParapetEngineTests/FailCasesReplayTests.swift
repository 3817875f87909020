import Foundation
import Testing
import Parapet
import ParapetJSON

/// Replays every input under `Fuzz/FailCases/<harness>/` (crashers found by the fuzzers, and
/// hand-written regressions) through the same surface and invariants as its harness.
@Suite("FailCases replay")
struct FailCasesReplayTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz/FailCases")

    static func cases(_ harness: String) -> [[UInt8]] {
        let dir = root.appendingPathComponent(harness)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.sorted().filter { !$0.hasPrefix(".") && !$0.hasSuffix(".md") }.compactMap {
            FileManager.default.contents(atPath: dir.appendingPathComponent($0).path).map { [UInt8]($0) }
        }
    }

    /// The fuzzers' tight configuration: small limits so limit paths are what gets replayed.
    static let tight: EngineConfig = {
        var c = EngineConfig(defaultParanoia: 4, maxInputBytes: 4096, maxFindings: 8)
        c.matchLimits = MatchLimits(matchLimit: 20_000, depthLimit: 1_000, heapLimitKiB: 1_000, jitStackBytes: 64 << 10)
        c.viewOptions = ViewOptions(decodeDepth: 2, maxDecodeExpansion: 2, maxDecodedBytes: 8192)
        return c
    }()

    static let engine = Engine(ruleSet: try! RuleCompiler(registry: .standard).compile(DefaultPack.ruleSources), config: tight)

    func checkVerdict(_ v: Verdict, input: [UInt8], config: EngineConfig) {
        let scanned = min(input.count, config.maxInputBytes)
        #expect(v.findings.count <= config.maxFindings)
        for f in v.findings { #expect(f.start >= 0 && f.start <= f.end && f.end <= scanned, "\(f.rule) \(f.range)") }
        if !v.limits.isEmpty { #expect(v.failMode != nil) } else { #expect(v.failMode == nil) }
        if v.failMode == .closed { #expect(v.decision == .block) }
        if v.score >= v.threshold { #expect(v.decision == .block) }
        if v.decision == .sanitize { #expect(v.sanitized != nil) }
    }

    @Test("the fail-case folders exist and hold at least the committed regressions")
    func foldersPresent() {
        for h in ["FuzzRules", "FuzzViews", "FuzzScan", "FuzzJSONL", "FuzzPolicy", "FuzzStream"] {
            #expect(!Self.cases(h).isEmpty, "Fuzz/FailCases/\(h) is empty or missing")
        }
    }

    @Test("FuzzRules cases: compile errors are located, compiled packs scan cleanly")
    func rules() {
        for bytes in Self.cases("FuzzRules") {
            do {
                let set = try RuleCompiler(registry: .standard).compile([RuleSource(path: "fuzz.yaml", text: String(decoding: bytes, as: UTF8.self))])
                let engine = Engine(ruleSet: set, config: Self.tight)
                for t in Target.allCases { checkVerdict(engine.scan(bytes, target: t, paranoia: 4), input: bytes, config: Self.tight) }
            } catch {
                #expect(!error.diagnostics.isEmpty)
                for d in error.diagnostics { #expect(d.location.line >= 1 && d.location.column >= 1, "\(d)") }
            }
        }
    }

    @Test("FuzzViews cases: every view maps inside the input")
    func views() {
        for input in Self.cases("FuzzViews") {
            let set = ViewSet(input, options: ViewOptions(decodeDepth: 2, maxDecodeExpansion: 3, maxDecodedBytes: 4096))
            for kind in ViewKind.allCases {
                for view in set.views(kind) {
                    #expect(view.map.originalCount == input.count)
                    if let starts = view.map.starts, let ends = view.map.ends {
                        #expect(starts.count == view.bytes.count)
                        for i in starts.indices { #expect(starts[i] >= 0 && starts[i] <= ends[i] && Int(ends[i]) <= input.count) }
                    }
                    let r = view.originalRange(0..<view.bytes.count)
                    #expect(r.lowerBound >= 0 && r.upperBound <= input.count)
                }
            }
        }
    }

    @Test("FuzzScan cases: verdict invariants on every target")
    func scan() {
        for input in Self.cases("FuzzScan") {
            for t in Target.allCases { checkVerdict(Self.engine.scan(input, target: t), input: input, config: Self.tight) }
        }
    }

    @Test("FuzzJSONL cases: parse errors are located, parsed lines scan and serialize")
    func jsonl() {
        for line in Self.cases("FuzzJSONL") {
            let limits = JSONLimits(maxDepth: 16, maxBytes: 1 << 16, maxStringBytes: 1 << 14, maxNumberBytes: 64, maxContainerCount: 512, maxValueCount: 4096)
            do {
                let object = JSONValue.object(try JSONParser.parseObject(line, limits: limits))
                #expect((try? JSONParser.parse(object.serialized())) == object)
                if let text = object[key: "text"]?.stringValue {
                    let original = Array(text.utf8)
                    let v = Self.engine.scan(original, target: .input)
                    checkVerdict(v, input: original, config: Self.tight)
                    #expect((try? JSONParser.parse(v.json(original: original))) != nil)
                }
            } catch {
                #expect(error.offset >= 0 && error.offset <= line.count)
            }
        }
    }

    /// The default pack's policies and the scenario policies, as FuzzPolicy decides with them.
    static let policies: [ToolPolicy] = {
        var sources = DefaultPack.policySources
        let corpus = root.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("corpus/tool-calls")
        for name in (try? FileManager.default.contentsOfDirectory(atPath: corpus.path)) ?? [] {
            let path = corpus.appendingPathComponent("\(name)/policy.yaml").path
            if let data = FileManager.default.contents(atPath: path) {
                sources.append(RuleSource(path: path, text: String(decoding: data, as: UTF8.self)))
            }
        }
        return sources.map { try! PolicyParser.parse($0) }
    }()

    @Test("FuzzPolicy cases: malformed requests and unknown tools are denied; bad policies are located")
    func policy() {
        let guardian = try! Guard()
        for bytes in Self.cases("FuzzPolicy") {
            guard let mode = bytes.first else { continue }
            let body = Array(bytes.dropFirst())
            if mode & 1 == 0 {
                do {
                    let policy = try PolicyParser.parse(RuleSource(path: "fuzz-policy.yaml", text: String(decoding: body, as: UTF8.self)))
                    let engine = PolicyEngine(policy: policy, store: InMemorySessionStore(), clock: ManualClock())
                    #expect(engine.decide(json: Array("{\"tool\": ".utf8)).effect == .deny)
                } catch {
                    #expect(!error.diagnostics.isEmpty)
                    for d in error.diagnostics { #expect(d.location.line >= 1 && d.location.column >= 1, "\(d)") }
                }
                continue
            }
            for policy in Self.policies {
                let engine = guardian.policyEngine(policy, store: InMemorySessionStore(), clock: ManualClock())
                let d = engine.decide(json: body)
                #expect(!d.rule.isEmpty)
                switch ToolCallRequest.parse(body, limits: policy.argLimits) {
                case .rejected: #expect(d.effect == .deny && d.isError, "\(d)")
                case .request(let r):
                    if policy.tool(named: r.call.tool) == nil { #expect(d.effect == .deny) }
                }
            }
        }
    }

    @Test("FuzzStream cases: streamed releases equal the batch text when the batch allows or sanitizes")
    func stream() throws {
        let engine = try Guard().engine
        for bytes in Self.cases("FuzzStream") where bytes.count >= 2 {
            var rng = UInt32(bytes[0]) << 8 | UInt32(bytes[1]) | 1
            let text = Array(bytes.dropFirst(2))
            let batch = engine.scan(text, target: .output)
            var stream = OutputStreamValidator(engine: engine)
            var released: [UInt8] = []
            var pos = 0
            while pos < text.count {
                rng ^= rng << 13; rng ^= rng >> 17; rng ^= rng << 5
                let n = min(text.count - pos, Int(rng % 64) + 1)
                released += stream.feed(text[pos..<(pos + n)])
                pos += n
            }
            released += stream.finish()
            if batch.decision != .block {
                #expect(released == (batch.sanitized ?? text))
            } else if batch.limits.isEmpty {
                #expect(stream.isBlocked)
            }
        }
    }
}
