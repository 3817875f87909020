import Parapet
import ParapetTestKit
import Testing

/// `parapet eval` arithmetic: labels, confusion, families, other labels, and what counts as flagged.
@Suite struct EvaluatorTests {
    static let engine: Engine = {
        let yaml = """
        rules:
          - id: t.eval.strong
            summary: blocks
            applies_to: [input]
            score: 5
            patterns: ['attack']
          - id: t.eval.weak
            summary: warns
            applies_to: [input]
            score: 2
            patterns: ['suspicious']
        """
        let set = try! RuleCompiler(registry: .standard).compile([RuleSource(path: "e.yaml", text: yaml)])
        return Engine(ruleSet: set)
    }()

    static let data = Array("""
    {"text": "an attack here", "label": "injection", "family": "a"}
    {"text": "a suspicious line", "label": "injection", "family": "a"}
    {"text": "nothing", "label": "jailbreak", "family": "b"}
    {"text": "an attack in benign clothing", "label": "benign", "family": "b"}
    {"text": "plain", "label": "benign"}
    {"text": "attack", "label": "harmful_request"}
    not json

    """.utf8)

    @Test func countsConfusionFamiliesAndOtherLabels() {
        let run = Evaluator(engine: Self.engine).evaluate(file: "d.jsonl", bytes: Self.data, target: .input, paranoia: 1)
        #expect(run.overall == {
            var c = Confusion(); c.truePositives = 1; c.falseNegatives = 2; c.falsePositives = 1; c.trueNegatives = 1; return c
        }())
        #expect(run.overall.recall == 1.0 / 3.0)
        #expect(run.overall.falsePositiveRate == 0.5)
        #expect(run.families["a"]?.truePositives == 1)
        #expect(run.families["b"]?.falsePositives == 1)
        #expect(run.otherLabels["harmful_request"]?.flagged == 1)
        #expect(run.badLines.count == 1)
        #expect(run.falsePositiveRules.first?.rule == "t.eval.strong")
        #expect(run.latenciesMicros.count == 6)
    }

    @Test func perLabelLinesCountVerdictsAndFindingsApart() {
        let run = Evaluator(engine: Self.engine).evaluate(file: "d.jsonl", bytes: Self.data, target: .input, paranoia: 1)
        // "a suspicious line" has a score-2 finding but an allow verdict: a finding, not a flag.
        #expect(run.labels["injection"]?.rows == 2)
        #expect(run.labels["injection"]?.flagged == 1)
        #expect(run.labels["injection"]?.withFinding == 2)
        #expect(run.labels["harmful_request"]?.flagged == 1)
        #expect(run.labels["jailbreak"]?.withFinding == 0)
        let report = EvalReport(positiveLabels: ["injection", "jailbreak"], negativeLabels: ["benign"], packHash: "x")
        var r = report
        r.runs = [run]
        let text = EvalText.render(r)
        #expect(text.contains("flagged = verdict not allow"))
        #expect(text.contains("harmful_request  other"))
    }

    @Test func flagOnFindingCountsWarningsToo() {
        var e = Evaluator(engine: Self.engine)
        e.flagOn = .finding
        let run = e.evaluate(file: "d.jsonl", bytes: Self.data, target: .input, paranoia: 1)
        #expect(run.overall.truePositives == 2)
    }
}
