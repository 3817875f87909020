import Testing
import Parapet

private let guardrail = try! Guard()

@Test(arguments: [
    "Your order #4539148803436467 has shipped.",
    "Order id 1234567812345670, invoice 20240611-000123.",
    "Request id 3f2b9c4e-8a1d-4e6f-9b2a-7c5d1e0f3a48 completed.",
    "sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
    "commit 4e1243bd22c66e76c2ba9eddc1f91394e57f9f83",
    "Upgrade to version 10.0.19041.1 or 2.14.3.",
    "Build 1.2.3.4-beta was tagged on 2024-05-01 12:30:45.",
    "It costs $1,299.00 and weighs 2.5 kg; call 911 in an emergency.",
    "Tracking number 1Z999AA10123456784.",
    "The ISBN is 978-0-13-468599-1.",
])
func ordinaryNumbersStayClean(_ text: String) {
    let v = guardrail.validateOutput(text)
    #expect(v.findings.filter { $0.rule.hasPrefix("pii.") || $0.rule.hasPrefix("sec.") }.isEmpty, "\(text) -> \(v.ruleIDs)")
}

@Test(arguments: [
    ("Reach me at jane.doe@mailbox.org", "pii.email.address"),
    ("Phone: +44 20 7946 0958", "pii.phone.international"),
    ("Call me on 415-555-0132 tonight", "pii.phone.north-american"),
    ("Card 4539 1488 0343 6467 exp 09/27", "pii.card.number"),
    ("IBAN GB33BUKB20201555555555", "pii.bank.iban"),
    ("SSN: 536-90-4399", "pii.ssn.us"),
    ("login from 86.121.97.248", "pii.ip.v4"),
    ("DOB: 04/12/1987", "pii.date.birth"),
])
func personalDataIsRedacted(_ text: String, _ rule: String) {
    let v = guardrail.validateOutput(text)
    #expect(v.ruleIDs.contains(rule), "\(text) -> \(v.ruleIDs)")
    #expect(v.decision == .sanitize)
}
