import Foundation
import Parapet
import ParapetTestKit
import Testing

/// Issue 3: benign non-English text (Chinese, Russian, Arabic, Greek math) and benign
/// base64/hex blobs produce no finding at all at paranoia 1 — not even one below the threshold.
@Suite struct BenignLookalikeTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func evasionCorpusLookalikesStayCompletelyClean() throws {
        let guardian = try Guard()
        let loaded = CorpusLoader.load(path: Self.root.appendingPathComponent("corpus/evasion/evasion.jsonl").path)
        let benign = loaded.cases.filter { $0.label == .benign }
        #expect(benign.count >= 40)
        for c in benign {
            let v = guardian.engine.scan(Array(c.text.utf8), target: c.target, paranoia: 1)
            #expect(v.findings.isEmpty, "\(c.location): \(v.ruleIDs) fired on a benign look-alike")
        }
    }
}
