import Foundation
import Parapet
import Testing

/// Golden tests: the exact text of rule diagnostics is part of the user interface.
@Suite struct DiagnosticsGoldenTests {
    static let fixtures = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/bad")

    func diagnostics(_ file: String) -> [String] {
        let url = Self.fixtures.appendingPathComponent(file)
        let text = try! String(contentsOf: url, encoding: .utf8)
        do {
            _ = try RuleCompiler(registry: .standard).compile([RuleSource(path: file, text: text)])
            return []
        } catch {
            return error.diagnostics.map(\.description)
        }
    }

    @Test func badPatternPointsAtTheFailingCharacter() {
        // The quote is column 9, the pattern starts at 10; PCRE2 fails at offset 16 (its end).
        #expect(diagnostics("bad-pattern.yaml") == [
            "bad-pattern.yaml:6:26: error[E006]: invalid pattern: missing closing parenthesis [rule test.bad.pattern]",
        ])
    }

    @Test func unknownKeysValuesAndDetectors() {
        #expect(diagnostics("unknown-key.yaml") == [
            "unknown-key.yaml:4:25: error[E008]: unknown target 'outptu' (expected input, context, output or tool_args) [rule test.bad.key]",
            "unknown-key.yaml:5:5: error[E002]: unknown key 'paranoya' in a rule (did you mean 'paranoia'?) [rule test.bad.key]",
            "unknown-key.yaml:6:12: error[E008]: score must be 0 to 100, got 500 [rule test.bad.key]",
            "unknown-key.yaml:11:15: error[E007]: unknown detector 'no_such_detector' (known: \(knownDetectors)) [rule test.bad.detector]",
        ])
    }

    var knownDetectors: String { DetectorRegistry.standard.detectors.keys.sorted().joined(separator: ", ") }

    @Test func syntaxErrorsCarryTheirLine() {
        let d = diagnostics("syntax.yaml")
        #expect(d.count == 1)
        #expect(d.first?.hasPrefix("syntax.yaml:4:1: error[E001]: YAML:") == true)
    }

    @Test func duplicateIDsAcrossFilesAndAllProblemsTogether() throws {
        var sources: [RuleSource] = []
        for f in ["unknown-key.yaml", "duplicate.yaml"] {
            let text = try String(contentsOf: Self.fixtures.appendingPathComponent(f), encoding: .utf8)
            sources.append(RuleSource(path: f, text: text))
        }
        do {
            _ = try RuleCompiler(registry: .standard).compile(sources)
            Issue.record("expected errors")
        } catch {
            let lines = error.diagnostics.map(\.description)
            #expect(lines.contains("duplicate.yaml:6:5: error[E003]: a rule needs 'patterns' or a 'detector' [rule test.ok]"))
            #expect(lines.count == 5)
        }
    }

    @Test func loadsDirectoriesRecursivelyAndReportsMissingOnes() {
        #expect(throws: RuleLoadError.self) { try RuleSource.load(from: "/nonexistent/parapet-rules") }
        let loaded = try? RuleSource.load(from: Self.fixtures.path)
        #expect(loaded?.count == 4)
    }
}
