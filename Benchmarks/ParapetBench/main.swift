import Foundation
import Parapet
import ParapetJSON
import ParapetRegex

// parapet-bench: prints median and p99 for each figure. Run a release build:
//   swift build -c release --product parapet && swift build -c release --product parapet-bench
//   .build/release/parapet-bench [section...] [--quick] [--write-corpus FILE] [--messages N]
// Sections: latency rules views scaling cold jsonl policy (default: all); `rules --target output`;
// `latency --headline`: only the 2 KB input PL1 figures, prefilter on.

let args = Array(CommandLine.arguments.dropFirst())
let quick = args.contains("--quick")
@MainActor func option(_ name: String) -> String? {
    guard let i = args.firstIndex(of: name), i + 1 < args.count else { return nil }
    return args[i + 1]
}
let messages = Int(option("--messages") ?? "") ?? (quick ? 2_000 : 20_000)
if let path = option("--write-corpus") {
    // For Benchmarks/peers/run.sh: the same mixed corpus, written once.
    let corpus = Inputs.mixedCorpus(messages: messages)
    FileManager.default.createFile(atPath: path, contents: Data(corpus.jsonl))
    print("wrote \(corpus.texts.count) messages, \(corpus.jsonl.count) bytes to \(path)")
    exit(0)
}
let known = ["latency", "rules", "views", "scaling", "cold", "jsonl", "policy"]
var sections = args.filter { known.contains($0) }
if args.contains("profile") || args.contains("--literals") || args.contains("--extract-costs") || option("--scan-corpus") != nil || option("--corpus-costs") != nil { sections = ["none"] }
if sections.isEmpty { sections = known }

let budget = quick ? 0.15 : 0.5
print("parapet-bench — one thread; times are median / p99 per call\n")

if sections.contains("cold") { Sections.coldStart(budget: budget) }
if sections.contains("latency") { Sections.latency(budget: budget, headline: args.contains("--headline")) }
if sections.contains("rules") { RuleCosts.run(budget: budget, target: Target(rawValue: option("--target") ?? "input") ?? .input) }
if sections.contains("views") { Sections.views(budget: budget) }
if sections.contains("scaling") { Sections.scaling(budget: budget) }
if sections.contains("jsonl") { Sections.jsonl(messages: messages, runs: quick ? 2 : 5) }
if sections.contains("policy") { Sections.policy(budget: budget) }

// `profile N`: N scans of the 2 KB benign prompt (input, PL1 unless told) and nothing else, for callgrind/perf.
if let n = option("profile").flatMap(Int.init) {
    // --multiplier K: the pack with K-1 generated copies of each rule, as the scaling section uses.
    let multiplier = Int(option("--multiplier") ?? "") ?? 1
    let engine = Sections.makeGuard(multiplier > 1 ? ScaledPack.sources(multiplier: multiplier) : DefaultPack.ruleSources).engine
    // --size N and --text attack|non-ascii pick another input (e.g. 20 KB to study growth).
    let size = Int(option("--size") ?? "") ?? 2_000
    let text = option("--text")
    let bytes = Alternating(Array((text == "attack" ? Inputs.attack(size) : Inputs.prose(size, nonASCII: text == "non-ascii")).utf8))
    // --only ID[,ID...]: scan with just those rules (the gates still run), to cost one rule.
    let only = option("--only").map { Set($0.split(separator: ",").map(String.init)) }
    // --target context|output scans as that target; --paranoia N at that level.
    let target = Target(rawValue: option("--target") ?? "input") ?? .input
    let pl = Int(option("--paranoia") ?? "") ?? 1
    for _ in 0..<n { _ = engine.scan(bytes.next(), target: target, paranoia: pl, only: only) }
}

// `--corpus-costs FILE [--per-rule]`: scan cost of a JSONL corpus by message group and by rule.
if let path = option("--corpus-costs") { CorpusCosts.run(path: path, perRule: args.contains("--per-rule")) }

// `--extract-costs`: the patterns whose literal extraction costs most at start-up (cold start work).
if args.contains("--extract-costs") {
    let engine = Sections.makeGuard(DefaultPack.ruleSources).engine
    var costs: [(Double, String, String)] = []
    for rule in engine.ruleSet.rules {
        let cs = Prefilter.readsCanonicalOnly(rule)
        for p in rule.patterns {
            // The fastest of 7 runs, so a preempted run on a shared machine does not count.
            var best = UInt64.max
            for _ in 0..<7 {
                let t0 = nowNanos()
                _ = LiteralExtraction.requiredClauses(of: p.source, caseless: p.options.caseless, canonicalSpace: cs)
                best = min(best, nowNanos() - t0)
            }
            costs.append((Double(best), rule.id, "\(p.source.utf8.count) bytes: \(p.source.prefix(70))"))
        }
    }
    let total = costs.reduce(0) { $0 + $1.0 }
    // For comparison: PCRE2's own compile (no JIT) of the same patterns, one thread.
    var compile: UInt64 = 0
    for rule in engine.ruleSet.rules {
        for p in rule.patterns {
            let t0 = nowNanos()
            _ = try? Pattern(p.source, options: p.options, jit: .lazy)
            compile += nowNanos() - t0
        }
    }
    print("literal extraction, one pass over \(costs.count) patterns: \(fmt(total)); PCRE2 compile of the same: \(fmt(Double(compile)))")
    for (t, id, n) in costs.sorted(by: { $0.0 > $1.0 }).prefix(20) { print("  \(fmt(t))  \(id)  \(n)") }
    exit(0)
}

// `--literals`: the literals that gate each rule of the default pack (or "always runs").
if args.contains("--literals") {
    let engine = Sections.makeGuard(ScaledPack.sources(multiplier: Int(option("--multiplier") ?? "") ?? 1)).engine
    func show(_ lits: [[UInt8]]) -> String {
        lits.map { $0 == NonASCIIGate.sentinel ? "<non-ASCII>" : String(decoding: $0, as: UTF8.self) }.joined(separator: " | ")
    }
    for (i, rule) in engine.ruleSet.rules.enumerated() {
        print("\(rule.id): \(engine.prefilter.ruleLiterals[i].map(show) ?? "(always runs)")")
        if let bytes = engine.prefilter.byteGate.describe(i) { print("    byte-class gate: \(bytes)") }
        // For an always-run pattern rule, say which patterns gave no literal.
        if engine.prefilter.ruleLiterals[i] == nil, rule.detector == nil {
            for (k, p) in rule.patterns.enumerated() where LiteralExtraction.requiredLiterals(of: p.source, caseless: p.options.caseless) == nil {
                print("    pattern \(k + 1) gives no literal: \(p.source.prefix(100))")
            }
        }
        // --clauses: every clause of every pattern, as the gate reads them (before/after checks).
        if args.contains("--clauses") {
            let cs = Prefilter.readsCanonicalOnly(rule)
            for (k, p) in rule.patterns.enumerated() {
                print("    pattern \(k + 1) clauses: \(LiteralExtraction.requiredClauses(of: p.source, caseless: p.options.caseless, canonicalSpace: cs).map { $0.map(show).joined(separator: " & ") } ?? "none")")
                if !p.options.caseless {
                    print("    pattern \(k + 1) exact-case: \(LiteralExtraction.exactCaseClauses(of: p.source).map { $0.map(show).joined(separator: " & ") } ?? "none")")
                }
            }
        }
        for (k, p) in rule.patterns.enumerated() where !p.isJIT {
            print("    pattern \(k + 1) runs in PCRE2's interpreter (JIT compilation failed)")
        }
    }
}

// `--scan-corpus FILE`: in-process throughput on a JSONL corpus (used by Benchmarks/peers/run.sh).
if let path = option("--scan-corpus") {
    guard let data = FileManager.default.contents(atPath: path) else { print("cannot read \(path)"); exit(2) }
    var items: [([UInt8], Target)] = []
    for line in data.split(separator: 0x0A) {
        guard let v = try? JSONParser.parse(Array(line)), let text = v[key: "text"]?.stringValue else { continue }
        items.append((Array(text.utf8), Target(rawValue: v[key: "target"]?.stringValue ?? "input") ?? .input))
    }
    let engine = Sections.makeGuard(DefaultPack.ruleSources).engine
    let bytes = items.reduce(0) { $0 + $1.0.count }
    var times: [UInt64] = []
    for _ in 0..<5 {
        let t0 = nowNanos()
        for (b, t) in items { _ = engine.scan(b, target: t) }
        times.append(nowNanos() - t0)
    }
    let secs = Stats(times).median / 1e9
    print("RESULT parapet-inprocess \(Double(items.count) / secs) \(Double(bytes) / 1e6 / secs) \(items.count)")
}
