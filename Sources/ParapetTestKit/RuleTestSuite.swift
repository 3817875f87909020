import ParapetEngine
import ParapetPolicy
import ParapetRules

/// What `parapet test` should run besides the examples.
public struct TestOptions: Sendable {
    /// Corpus files (`.jsonl`), each with the name shown in messages.
    public var corpusFiles: [(path: String, name: String)] = []
    /// Extra benign JSONL files for false-positive budgets (`--benign`).
    public var benignFiles: [String] = []
    public var ruleFilter: String?
    /// Paranoia for corpus cases that do not set their own (default 1).
    public var paranoia: Int?
    public var mutate = false
    public var profile = false
    /// Tool policies whose examples run, and `corpus/tool-calls/`-style scenario folders.
    public var policySources: [RuleSource] = []
    public var scenarioDirectories: [String] = []
    /// Content checks for tool arguments (the guard's `tool_args` rules).
    public var contentChecker: (any ContentChecker)?
    public init() {}
}

/// Everything a `parapet test` run measured: check results plus per-rule statistics.
public struct TestRun: Sendable {
    public var report = TestReport()
    public var rules: [RuleSummary] = []
    public var mutation: MutationReport?
    public var profile: [RuleTiming]?
    public var corpusCases = 0
    public var benignCases = 0
}

/// Runs examples, corpus expectations, false-positive budgets, mutations and profiling.
public enum RuleTestSuite {
    public static func run(engine: Engine, options: TestOptions) -> TestRun {
        var run = TestRun()
        run.report = ExampleRunner.run(engine: engine, ruleFilter: options.ruleFilter)
        if let id = options.ruleFilter, engine.ruleSet.rule(id) == nil {
            run.report.results.append(TestResult(kind: .match, status: .failed, ruleID: id, location: SourceLocation(file: "<filter>", line: 1, column: 1),
                                                 message: "no rule with this id in the loaded packs"))
        }
        var cases: [CorpusCase] = []
        var benign: [CorpusCase] = []
        for file in options.corpusFiles {
            let loaded = CorpusLoader.load(path: file.path, name: file.name)
            run.report.results += loaded.problems.map { TestResult(kind: .corpus, status: .failed, ruleID: nil, location: $0.location, message: $0.message) }
            cases += loaded.cases
            if isBenignFolder(file.name) { benign += loaded.cases.filter { $0.label == .benign } }
        }
        for path in options.benignFiles {
            let loaded = CorpusLoader.load(path: path)
            run.report.results += loaded.problems.map { TestResult(kind: .budget, status: .failed, ruleID: nil, location: $0.location, message: $0.message) }
            benign += loaded.cases.filter { $0.label == .benign }
        }
        run.corpusCases = cases.count
        run.benignCases = benign.count
        let corpusResults = CorpusRunner.run(engine: engine, cases: cases, paranoia: options.paranoia, ruleFilter: options.ruleFilter)
        run.report.results += corpusResults
        if options.ruleFilter == nil {
            run.report.results += PolicySuite.runExamples(options.policySources, contentChecker: options.contentChecker)
            for dir in options.scenarioDirectories {
                run.report.results += PolicySuite.runScenario(dir, contentChecker: options.contentChecker)
            }
        }
        let fp = FalsePositiveBudget.measure(engine: engine, benign: benign, ruleFilter: options.ruleFilter)
        run.report.results += FalsePositiveBudget.check(engine: engine, stats: fp)
        if options.mutate {
            let m = MutationRunner.run(engine: engine, ruleFilter: options.ruleFilter)
            run.report.results += MutationRunner.check(m)
            run.mutation = m
        }
        if options.profile {
            run.profile = RuleProfiler.profile(engine: engine, cases: cases + benign, ruleFilter: options.ruleFilter)
        }
        run.rules = RuleSummary.build(engine: engine, results: run.report.results, falsePositives: fp,
                                      mutation: run.mutation, ruleFilter: options.ruleFilter)
        return run
    }

    /// Files in a `benign/` folder feed the false-positive budgets.
    static func isBenignFolder(_ name: String) -> Bool {
        name.split(separator: "/").dropLast().contains("benign")
    }
}
