import ParapetRules
import ParapetText

/// Counts kinds of structural markers that let text pose as a conversation or a new prompt:
/// role labels at line starts ("system:", "assistant:"), chat-template tokens ("<|…|>", "[INST]"),
/// and long runs of one separator character. One kind is common in ordinary documents; several
/// together are not. Scores `score_per_kind` for each kind present, once `min_kinds` are.
struct StructureAnomalyDetector: Detector {
    static let name = "structure-anomaly"
    let minRun: Int
    let minKinds: Int
    let perKind: Int
    let roles: StemTable

    init(params: [String: RuleValue]) throws {
        let p = try DetectorParams(params, allowed: ["min_separator_run", "min_kinds", "score_per_kind", "roles"])
        minRun = try p.int("min_separator_run", default: 12, in: 3...200)
        minKinds = try p.int("min_kinds", default: 2, in: 1...3)
        perKind = try p.int("score_per_kind", default: 2, in: 1...10)
        roles = StemTable(try p.words("roles", default: ["system", "assistant", "user", "human", "ai", "developer"]))
    }

    func detect(_ view: TextView, context: ScanContext) -> [DetectorHit] {
        let b = view.bytes
        var role: Range<Int>? = nil, token: Range<Int>? = nil, run: Range<Int>? = nil
        var lineStart = true
        var i = 0
        while i < b.count {
            let c = b[i]
            if lineStart, role == nil, let len = roles.match(lower(b, i), at: 0) {
                var j = i + len
                while j < b.count && b[j] == 0x20 { j += 1 }
                if j < b.count && b[j] == 0x3A { role = i..<(j + 1) }
            }
            lineStart = c == 0x0A || (lineStart && (c == 0x20 || c == 0x23 || c == 0x2A))
            if token == nil, c == 0x3C, i + 2 < b.count, b[i + 1] == 0x7C {
                var j = i + 2
                while j < min(b.count, i + 40) && b[j] != 0x7C { j += 1 }
                if j + 1 < b.count && b[j] == 0x7C && b[j + 1] == 0x3E { token = i..<(j + 2) }
            }
            if token == nil, c == 0x5B, i + 5 <= b.count, b[i + 1] | 0x20 == 0x69, b[i + 2] | 0x20 == 0x6E, b[i + 3] | 0x20 == 0x73, b[i + 4] | 0x20 == 0x74, i + 5 < b.count, b[i + 5] == 0x5D {
                token = i..<(i + 6)
            }
            if run == nil, c == 0x3D || c == 0x2D || c == 0x23 || c == 0x2A || c == 0x5F || c == 0x7E {
                var j = i
                while j < b.count && b[j] == c { j += 1 }
                if j - i >= minRun { run = i..<j }
                if j > i + 1 { i = j; continue }
            }
            i += 1
        }
        let found = [role, token, run].compactMap { $0 }
        guard found.count >= minKinds, let first = found.min(by: { $0.lowerBound < $1.lowerBound }) else { return [] }
        return [DetectorHit(range: first, score: perKind * found.count, note: "\(found.count) kinds of structure markers")]
    }

    /// A short lower-cased copy at `i`, enough to compare with the role words.
    private func lower(_ b: [UInt8], _ i: Int) -> [UInt8] {
        var out = [UInt8]()
        var k = i
        while k < b.count && out.count < roles.longest + 1 {
            let c = b[k]; out.append(c >= 0x41 && c <= 0x5A ? c | 0x20 : c); k += 1
        }
        return out
    }
}
