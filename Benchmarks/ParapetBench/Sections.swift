import Foundation
import Parapet
import ParapetJSON
import ParapetPolicy

/// The benchmark sections; each prints its own table.
enum Sections {
    static func makeGuard(_ sources: [RuleSource], prefilter: Bool = true, jit: JITMode = .eager,
                          gates: LiteralGateCache? = DefaultPack.literalGates) -> Guard {
        do {
            let set = try RuleCompiler(registry: .standard).compile(sources)
            // As `Guard` builds it for the default pack: with the shipped literal gates (rules
            // not in them, e.g. generated ones, are extracted).
            var config = EngineConfig(usePrefilter: prefilter, jit: jit)
            config.literalGateCache = gates
            return Guard(engine: Engine(ruleSet: set, config: config))
        } catch {
            print("rule pack failed to compile: \(error)")
            exit(2)
        }
    }

    static func header(_ title: String) { print("== \(title)") }

    static func coldStart(budget: Double) {
        header("cold start (default packs)")
        let sources = DefaultPack.ruleSources, yaml = DefaultPack.ruleSourcesFromYAML
        let load = measure(minRuns: 10, maxRuns: 200, budget: budget * 4) { _ = DefaultPack.ruleSources }
        // The default pack reads its build-time composed form; user rule files parse YAML.
        let parse = measure(minRuns: 10, maxRuns: 200, budget: budget * 2) { for s in sources { _ = RuleFileParser.parse(s) } }
        let parseYAML = measure(minRuns: 10, maxRuns: 200, budget: budget * 2) { for s in yaml { _ = RuleFileParser.parse(s) } }
        let set = try! RuleCompiler(registry: .standard).compile(sources)
        // The set's patterns are JIT-compiled by the first build; later builds time the gates alone.
        let engine = measure(minRuns: 10, maxRuns: 200, budget: budget * 2) { _ = Engine(ruleSet: set) }
        let readGates = measure(minRuns: 10, maxRuns: 200, budget: budget) { _ = DefaultPack.readLiteralGates() }
        var cached = EngineConfig()
        cached.literalGateCache = DefaultPack.literalGates
        let engineCached = measure(minRuns: 10, maxRuns: 200, budget: budget * 2) { _ = Engine(ruleSet: set, config: cached) }
        // Each build reads the shipped gate file anew, as a process does once.
        let compile = measure(minRuns: 10, maxRuns: 200, budget: budget * 4) { _ = makeGuard(sources, gates: DefaultPack.readLiteralGates()) }
        let lazy = measure(minRuns: 10, maxRuns: 200, budget: budget * 4) { _ = makeGuard(sources, jit: .lazy, gates: DefaultPack.readLiteralGates()) }
        let g = makeGuard(sources)
        print("  rules: \(g.engine.ruleSet.rules.count), gated by literals: \(g.engine.prefilter.ruleLiterals.filter { $0 != nil }.count), literal automaton states: \(g.engine.prefilter.automatonStates) (\(String(format: "%.1f", Double(g.engine.prefilter.automatonTableBytes) / 1_048_576)) MiB of transitions), cores for PCRE2 compile: \(ProcessInfo.processInfo.activeProcessorCount)")
        print("  load embedded sources    \(fmt(load.median)) / \(fmt(load.p99))")
        print("  parse composed form      \(fmt(parse.median)) / \(fmt(parse.p99))   (same files as YAML: \(fmt(parseYAML.median)))")
        print("  engine, extracting gates \(fmt(engine.median)) / \(fmt(engine.p99))")
        print("  read shipped gate file   \(fmt(readGates.median)) / \(fmt(readGates.p99))   (\(DefaultPack.literalGates?.count ?? 0) rules)")
        print("  engine, shipped gates    \(fmt(engineCached.median)) / \(fmt(engineCached.p99))")
        print("  parse+compile+JIT+gate   \(fmt(compile.median)) / \(fmt(compile.p99))")
        print("  same, lazy JIT (the CLI) \(fmt(lazy.median)) / \(fmt(lazy.p99))   (both reading the shipped gates)")
        let tmp = NSTemporaryDirectory() + "parapet-bench-one.txt"
        if !FileManager.default.createFile(atPath: tmp, contents: Data("What is a good recipe for pasta?\n".utf8)) {
            print("  could not write the prompt to \(tmp); CLI process line skipped")
        } else if let cli = cliPath() {
            var runs: [ChildRun] = []
            for _ in 0..<(budget < 0.3 ? 5 : 15) { runs.append(ChildRun.run([cli, "scan"], stdinPath: tmp)) }
            let st = Stats(runs.map(\.nanos))
            let rss = (0..<3).map { _ in ChildRun.peakRSSKiB([cli, "scan"], stdinPath: tmp) }.max()!
            print("  CLI process, one prompt  \(fmt(st.median)) / \(fmt(st.p99))   peak RSS \(rss / 1024) MiB")
        }
        print()
    }

    /// The full grid; `headline` measures only the 2 KB input at PL1 with the prefilter on (the
    /// issue's latency target), for quick comparisons while working.
    static func latency(budget: Double, headline: Bool = false) {
        header("in-process scan latency, default packs, benign prose (prefilter on | off)")
        let sources = DefaultPack.ruleSources
        let on = makeGuard(sources).engine, off = headline ? nil : makeGuard(sources, prefilter: false).engine
        print("  \(padRight("target", 8)) PL  \(padRight("size", 7))  \(pad("on median", 10)) \(pad("on p99", 10))  \(pad("off median", 10)) \(pad("off p99", 10))")
        func row(_ label: String, _ text: String, _ target: Target, _ pl: Int) {
            let bytes = Alternating(Array(text.utf8))
            let a = measure(budget: budget) { _ = on.scan(bytes.next(), target: target, paranoia: pl) }
            let b = off.map { off in measure(budget: budget) { _ = off.scan(bytes.next(), target: target, paranoia: pl) } }
            print("  \(label) \(fmt(a.median)) \(fmt(a.p99))  \(b.map { fmt($0.median) + " " + fmt($0.p99) } ?? "")")
        }
        for target in [Target.input, .context, .output] {
            for pl in [1, 4] {
                for size in [200, 2_000, 20_000, 200_000] where !headline || (target == .input && pl == 1 && size == 2_000) {
                    row("\(padRight(target.rawValue, 8)) \(pl)   \(padRight(sizeName(size), 7)) ", Inputs.prose(size), target, pl)
                }
            }
        }
        for (name, text) in [("attack", Inputs.attack(2_000)), ("non-ASCII", Inputs.prose(2_000, nonASCII: true))] {
            row("input    1   2 KB \(padRight(name, 9))", text, .input, 1)
        }
        print()
    }

    static func views(budget: Double) {
        header("view building (new ViewSet each call)")
        print("  \(padRight("text", 10)) \(padRight("size", 7)) \(pad("canonical", 10)) \(pad("+compact", 10)) \(pad("decoded", 10))")
        for nonASCII in [false, true] {
            for size in [200, 2_000, 20_000, 200_000] {
                let bytes = Array(Inputs.prose(size, nonASCII: nonASCII).utf8)
                let c = measure(budget: budget / 2) { _ = ViewSet(bytes).views(.canonical) }
                let cc = measure(budget: budget / 2) { _ = ViewSet(bytes).views(.compact) }
                let d = measure(budget: budget / 2) { _ = ViewSet(bytes).views(.decoded) }
                print("  \(padRight(nonASCII ? "non-ASCII" : "ASCII", 10)) \(padRight(sizeName(size), 7)) \(fmt(c.median)) \(fmt(cc.median)) \(fmt(d.median))")
            }
        }
        print()
    }

    static func scaling(budget: Double) {
        header("scaling: default pack vs pack x10 (generated copies with distinct literals)")
        let one = makeGuard(ScaledPack.sources(multiplier: 1)).engine
        let ten = makeGuard(ScaledPack.sources(multiplier: 10)).engine
        let tenOff = makeGuard(ScaledPack.sources(multiplier: 10), prefilter: false).engine
        print("  rules x1: \(one.ruleSet.rules.count), x10: \(ten.ruleSet.rules.count); automaton states x10: \(ten.prefilter.automatonStates)")
        print("  \(padRight("input", 16)) \(pad("x1", 10)) \(pad("x10", 10)) \(pad("ratio", 7))  \(pad("x10 no gate", 11))")
        for (name, text, pl) in [("2 KB benign PL1", Inputs.prose(2_000), 1), ("2 KB attack PL1", Inputs.attack(2_000), 1),
                                 ("2 KB benign PL4", Inputs.prose(2_000), 4), ("20 KB benign PL1", Inputs.prose(20_000), 1)] {
            let bytes = Alternating(Array(text.utf8))
            let a = measure(budget: budget) { _ = one.scan(bytes.next(), target: .input, paranoia: pl) }
            let b = measure(budget: budget) { _ = ten.scan(bytes.next(), target: .input, paranoia: pl) }
            let c = measure(budget: budget) { _ = tenOff.scan(bytes.next(), target: .input, paranoia: pl) }
            print("  \(padRight(name, 16)) \(fmt(a.median)) \(fmt(b.median)) \(pad(format2(b.median / a.median) + "x", 7))  \(fmt(c.median, ))")
        }
        print()
    }

    static func jsonl(messages: Int, runs: Int) {
        header("JSONL throughput of the CLI (parapet scan --jsonl), mixed corpus")
        let corpus = Inputs.mixedCorpus(messages: messages)
        let path = NSTemporaryDirectory() + "parapet-bench-corpus.jsonl"
        guard FileManager.default.createFile(atPath: path, contents: Data(corpus.jsonl)) else {
            print("  could not write the corpus to \(path); JSONL section skipped")
            return
        }
        let mb = Double(corpus.jsonl.count) / 1e6
        print("  corpus: \(corpus.texts.count) messages, \(format2(mb)) MB (team corpus texts + synthetic prompts, documents, outputs)")
        if let cli = cliPath() {
            var results: [ChildRun] = []
            for _ in 0..<runs { results.append(ChildRun.run([cli, "scan", "--jsonl"], stdinPath: path)) }
            let st = Stats(results.map(\.nanos))
            let secs = st.median / 1e9
            let rss = ChildRun.peakRSSKiB([cli, "scan", "--jsonl"], stdinPath: path)
            print("  CLI: \(format1(mb / secs)) MB/s, \(Int(Double(corpus.texts.count) / secs)) messages/s (median of \(runs) runs, \(format2(secs)) s), peak RSS \(rss / 1024) MiB, exit \(results[0].status >> 8)")
            // Every core (`--jobs 0`): what a batch job gets; the per-core target is the line above.
            let all = (0..<runs).map { _ in ChildRun.run([cli, "scan", "--jsonl", "--jobs", "0"], stdinPath: path).nanos }
            let allSecs = Stats(all).median / 1e9
            let allRSS = ChildRun.peakRSSKiB([cli, "scan", "--jsonl", "--jobs", "0"], stdinPath: path)
            print("  CLI --jobs 0 (\(ProcessInfo.processInfo.activeProcessorCount) cores): \(format1(mb / allSecs)) MB/s, \(Int(Double(corpus.texts.count) / allSecs)) messages/s (median of \(runs) runs), peak RSS \(allRSS / 1024) MiB")
        } else {
            print("  CLI binary not found next to parapet-bench: build it with --product parapet")
        }
        // In-process, same texts: the figure the peers script compares against.
        let engine = makeGuard(DefaultPack.ruleSources).engine
        let items = corpus.texts.map { (Array($0.0.utf8), Target(rawValue: $0.1) ?? .input) }
        let textBytes = items.reduce(0) { $0 + $1.0.count }
        var times: [UInt64] = []
        for _ in 0..<runs {
            let t0 = nowNanos()
            for (b, t) in items { _ = engine.scan(b, target: t) }
            times.append(nowNanos() - t0)
        }
        let secs = Stats(times).median / 1e9
        print("  in-process: \(format1(Double(textBytes) / 1e6 / secs)) MB/s of text, \(Int(Double(items.count) / secs)) messages/s, \(fmt(secs * 1e9 / Double(items.count))) per message")
        print()
    }

    static func policy(budget: Double) {
        header("policy decision latency (synthetic 100-tool policy)")
        let engine = PolicyEngine(policy: .synthetic(toolCount: 100))
        // One call per argument kind of the synthetic policy: path, URL, number.
        let calls: [(String, ToolCall)] = [
            ("path arg (allow)", ToolCall(tool: "tool_0", args: .object([(key: "path", value: .string("/workspace/src/main.swift"))]))),
            ("URL arg (allow)", ToolCall(tool: "tool_1", args: .object([(key: "url", value: .string("https://api.example.com/v1/items?q=1"))]))),
            ("number arg (ask)", ToolCall(tool: "tool_98", args: .object([(key: "amount", value: .number("250"))]))),
            ("path arg (deny)", ToolCall(tool: "tool_3", args: .object([(key: "path", value: .string("/etc/passwd"))]))),
        ]
        // Session ids are made up front: formatting one per call would be timed with the decision.
        let sessions = (0..<64).map { "bench-\($0)" }
        for (name, call) in calls {
            var k = 0
            let st = measure(budget: budget) {
                k += 1
                _ = engine.decide(call, session: sessions[k & 63])
            }
            print("  \(padRight(name, 18)) \(fmt(st.median)) / \(fmt(st.p99))")
        }
        let json = Array(#"{"tool":"tool_1","args":{"url":"https://api.example.com/v1/items"},"session":"s1"}"#.utf8)
        let st = measure(budget: budget) { _ = engine.decide(json: json) }
        print("  \(padRight("JSON request", 18)) \(fmt(st.median)) / \(fmt(st.p99))   (parse + decide)")
        print()
    }

    static func sizeName(_ n: Int) -> String { n >= 1000 ? "\(n / 1000) KB" : "\(n) B" }

    /// The `parapet` binary built next to this one.
    static func cliPath() -> String? {
        let me = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        let p = me.deletingLastPathComponent().appendingPathComponent("parapet").path
        return FileManager.default.isExecutableFile(atPath: p) ? p : nil
    }
}
