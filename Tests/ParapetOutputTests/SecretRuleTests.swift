import Testing
import Parapet

private let guardrail = try! Guard()

@Test func defaultPackHasSixtyPlusCredentialFormats() {
    let secretRules = guardrail.engine.ruleSet.rules.filter { $0.id.hasPrefix("sec.") && $0.spec.action == .redact }
    let formats = Set(secretRules.map(\.spec.placeholderLabel))
    #expect(secretRules.count >= 60, "\(secretRules.count) redacting secret rules")
    #expect(formats.count >= 60, "\(formats.count) distinct labels")
    for r in secretRules {
        #expect(r.spec.redactAs != nil, "\(r.id) needs redact_as")
        #expect(r.spec.views == [.raw], "\(r.id) should match the raw view")
    }
}

@Test func everyOutputRuleDeclaresMaxSpan() {
    // The streaming validator's hold-back is derived from max_span: a rule without one is a lint error.
    let missing = OutputStreamValidator.rulesMissingMaxSpan(engine: guardrail.engine)
    let outputPack = missing.filter { guardrail.engine.ruleSet.rule($0)?.spec.file.contains("/output/") == true }
    #expect(outputPack == [])
    // Rules from the input packs that also apply to output must declare one too.
    #expect(missing == [])
}

@Test func redactionKeepsEveryByteOutsideTheSpanAndNeverEchoesTheSecret() {
    let secret = "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"
    let text = "Before — ünïcode\nexport GITHUB_TOKEN=\(secret)\nand after."
    let v = guardrail.validateOutput(text)
    #expect(v.decision == .sanitize)
    #expect(v.sanitizedText == "Before — ünïcode\nexport GITHUB_TOKEN=[REDACTED:github-token]\nand after.")
    for f in v.findings {
        #expect(!f.excerpt.contains("POCcBEF8"), "finding \(f.rule) echoes the secret")
    }
    #expect(!v.json(original: Array(text.utf8)).contains("\"match\":\"ghp_"))
}

@Test func documentedPlaceholdersStayClean() {
    for text in ["aws_access_key_id = AKIAIOSFODNN7EXAMPLE", "Stripe test key sk_test_4eC39HqLyjWDarjtT1zdp7dc",
                 "password = \"$DB_PASSWORD\"", "api_key = \"your-api-key-here\"", "Card 4242 4242 4242 4242"] {
        let v = guardrail.validateOutput(text)
        #expect(v.findings.isEmpty, "\(text) -> \(v.ruleIDs)")
    }
}

@Test func secretsAreRedactedInToolArgumentsToo() {
    let v = guardrail.scan(Array(#"{"cmd": "deploy", "token": "sk-ant-api03-\#(String(repeating: "Ab1_", count: 23))xyAA"}"#.utf8), target: .toolArgs)
    #expect(v.ruleIDs.contains("sec.anthropic.key"))
    #expect(v.sanitizedText?.contains("[REDACTED:anthropic-key]") == true)
}
