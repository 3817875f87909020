import Testing
import Parapet

private let guardrail = try! Guard()

/// Outputs mixing secrets, PII, links and plain text; each is also embedded in long filler.
private let samples: [String] = [
    "Here is the config:\nexport GITHUB_TOKEN=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\nDone.",
    "Contact jane.doe@mailbox.org or +44 20 7946 0958; card 4539 1488 0343 6467.",
    "Nothing sensitive here, just a recipe: flour, water, salt, yeast. Knead for ten minutes.",
    "db: postgresql://app:S3cr3tPassw0rd@db.internal:5432/prod and key AKIAZ3MSJV4WWNKWW5FG",
    "Überprüfung ✓ — résumé naïve 日本語 text with emoji 🚀 and IBAN GB33BUKB20201555555555.",
    "password = \"hunter2-correct\" then SSN 536-90-4399 and ip 86.121.97.248",
    "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\n-----END RSA PRIVATE KEY-----\nok",
]

private func filler(_ n: Int, _ rng: inout some RandomNumberGenerator) -> String {
    let words = ["alpha", "beta", "gamma", "delta", "the", "and", "résumé", "42", "\n", "order", "version 1.2.3"]
    return (0..<n).map { _ in words.randomElement(using: &rng)! }.joined(separator: " ")
}

private func streamed(_ text: [UInt8], _ rng: inout some RandomNumberGenerator, maxChunk: Int) -> (out: [UInt8], blocked: Bool) {
    var v = guardrail.outputStream()
    var out: [UInt8] = []
    var i = 0
    while i < text.count {
        let n = Int.random(in: 1...maxChunk, using: &rng)
        out += v.feed(text[i..<min(text.count, i + n)])
        i += n
    }
    out += v.finish()
    return (out, v.isBlocked)
}

/// A small deterministic generator so failures reproduce.
private struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Test func streamedOutputEqualsBatchOutputForRandomChunkings() {
    var rng = SplitMix(state: 20240611)
    var cases = 0
    for round in 0..<28 {
        let sample = samples[round % samples.count]
        let text = filler(Int.random(in: 0...1500, using: &rng), &rng) + " " + sample + " " + filler(Int.random(in: 0...1500, using: &rng), &rng)
        let bytes = Array(text.utf8)
        let batch = guardrail.validateOutput(text)
        guard batch.decision != .block else { continue }
        let expected = batch.sanitized ?? bytes
        for maxChunk in [1, 7, 300, 5000] {
            let (out, blocked) = streamed(bytes, &rng, maxChunk: maxChunk)
            #expect(!blocked)
            #expect(out == expected, "round \(round), chunks <= \(maxChunk)")
            cases += 1
        }
    }
    #expect(cases >= 64)   // rounds whose batch verdict blocks (the PEM sample) are checked in blockedStreamStops…
}

@Test func secretSplitAcrossChunksIsStillRedacted() {
    let token = Array("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".utf8)
    var v = guardrail.outputStream()
    var out = v.feed(Array("token: ".utf8) + token[0..<10])
    out += v.feed(token[10...])
    out += v.feed(Array(" end".utf8))
    out += v.finish()
    #expect(String(decoding: out, as: UTF8.self) == "token: [REDACTED:github-token] end")
}

@Test func blockedStreamStopsBeforeTheBadBytesLeave() {
    let canary = "pcy-7k2mq9xtr4hw8bnf5vdc"
    var rng = SplitMix(state: 7)
    let head = filler(4000, &rng)
    let text = Array((head + " secret marker " + canary + " " + filler(4000, &rng)).utf8)
    var v = guardrail.outputStream(context: ScanContext(target: .output, canaries: [canary]))
    var out: [UInt8] = []
    var i = 0
    while i < text.count && !v.isBlocked {
        out += v.feed(text[i..<min(text.count, i + 64)])
        i += 64
    }
    out += v.finish()
    #expect(v.isBlocked)
    let released = String(decoding: out, as: UTF8.self)
    #expect(!released.contains("pcy-"))
    #expect(out.count < head.utf8.count + 16)      // nothing after the canary left
    #expect(v.findings.contains { $0.rule == "leak.canary.token" })
}

@Test func holdBackIsTheLongestOutputRuleSpan() {
    let hold = OutputStreamValidator.holdBack(engine: guardrail.engine, paranoia: 1)
    let maxSpan = guardrail.engine.activeRules(target: .output, paranoia: 1).compactMap(\.spec.maxSpan).max()
    #expect(hold == maxSpan)
    #expect(hold > 0 && hold <= 8192 + 64)
}

/// The per-scan findings cap applies to each window (so a window full of findings fails as a batch
/// scan would); over the whole stream, only the first `maxFindings` are kept, to bound memory.
@Test func longStreamKeepsAtMostTheFindingsCapButRedactsEverything() {
    var v = guardrail.outputStream()
    let cap = guardrail.engine.config.maxFindings
    var out: [UInt8] = []
    for i in 0..<(cap + 150) {
        out += v.feed(Array("line \(i): write to person\(i)@mailbox.org about the order; the rest of this line is ordinary prose that pads it out. ".utf8))
    }
    out += v.finish()
    let text = String(decoding: out, as: UTF8.self)
    #expect(!v.isBlocked)
    #expect(v.findings.count == cap)
    #expect(v.droppedFindings == 150)
    #expect(!text.contains("@mailbox.org"))
    #expect(text.components(separatedBy: "[REDACTED:email]").count - 1 == cap + 150)
}
