import Foundation
import Testing

/// `swift test` runs the team's whole corpus, tool-call scenarios and policy examples exactly
/// as `parapet test` does from the repository root, so CI fails on any regression there.
@Suite struct RepositoryCorpusTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func parapetTestPassesOnTheRepository() throws {
        let r = try CLI.run(["test"], cwd: Self.root)
        let failures = r.out.split(separator: "\n").filter { $0.contains("FAILED") }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
        #expect(r.out.contains(" passed, 0 failed"))
        #expect(r.status == 0)
        // The tool-call scenarios are part of the run.
        #expect(r.out.contains("policy") || r.out.range(of: #"\d+ passed"#, options: .regularExpression) != nil)
    }
}
