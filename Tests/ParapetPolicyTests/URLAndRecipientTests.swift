import Testing
import ParapetJSON
@testable import ParapetPolicy

@Suite struct URLAndRecipientTests {
    static let rule = URLRule(schemes: ["https"], hosts: [HostPattern("example.com"), HostPattern("*.docs.example.org")])

    @Test(arguments: [
        ("https://example.com/path?q=1", true),
        ("https://EXAMPLE.com./x", true),
        ("https://api.docs.example.org/v1", true),
        ("https://docs.example.org/", false),          // apex not covered by *.
        ("https://example.com.evil.net/", false),
        ("https://evilexample.com/", false),
        ("http://example.com/", false),                // scheme
        ("https://example.com@evil.net/", false),      // userinfo
        ("https://user:pw@example.com/", false),
        ("https://127.0.0.1/", false),
        ("https://2130706433/", false),
        ("https://0x7f.1/", false),
        ("https://[::1]:8443/", false),
        ("https://example.com\\@evil.net/", false),    // backslash
        ("https://exa mple.com/", false),
        ("https://ex%61mple.com/", false),
        ("javascript:alert(1)", false),
        ("no scheme here", false),
    ])
    func urlAllowlist(url: String, allowed: Bool) {
        #expect((Self.rule.violation(url) == nil) == allowed, "\(url): \(Self.rule.violation(url) ?? "ok")")
    }

    @Test func ipLiteralsWhenAllowed() {
        let r = URLRule(schemes: ["http", "https"], allowIP: true)
        #expect(r.violation("http://10.0.0.5:8080/health") == nil)
        #expect(r.violation("https://any.host.net/") == nil)
    }

    @Test func emailAllowlist() {
        let r = EmailRule(addresses: ["Boss@Partner.io"], domains: [HostPattern("corp.example"), HostPattern("*.corp.example")])
        #expect(r.violation("ann@corp.example") == nil)
        #expect(r.violation("Ann Lee <ann@eu.corp.example>, boss@partner.io") == nil)
        #expect(r.violation("ann@corp.example; amy.watson@gmail.com")?.contains("amy.watson@gmail.com") == true)
        #expect(r.violation("x@corp.example.evil.com") != nil)
        #expect(r.violation("not-an-address") != nil)
        #expect(r.violation("a@@corp.example") != nil)
        #expect(r.violation("") != nil)
    }

    @Test func arraysAreCheckedElementByElement() {
        var c = ArgConstraint()
        c.email = EmailRule(domains: [HostPattern("corp.example")])
        #expect(violation(c, ["a@corp.example", "b@corp.example"]) == nil)
        #expect(violation(c, ["a@corp.example", "eve@evil.test"]) != nil)
    }

    @Test func ibanChecksumAndAllowlist() {
        #expect(AccountRule.isValidIBAN("DE89370400440532013000"))
        #expect(AccountRule.isValidIBAN("GB82WEST12345698765432"))
        #expect(!AccountRule.isValidIBAN("DE89370400440532013001"))
        let r = AccountRule(allow: ["DE89 3704 0044 0532 0130 00"])
        #expect(r.violation("de89370400440532013000", iban: true) == nil)
        #expect(r.violation("GB82 WEST 1234 5698 7654 32", iban: true)?.contains("not an allowed payee") == true)
        #expect(r.violation("GB82WEST12345698765433", iban: true)?.contains("not a valid IBAN") == true)
        let acct = AccountRule(allow: ["12-3456-78"])
        #expect(acct.violation("12345678", iban: false) == nil)
        #expect(acct.violation("87654321", iban: false) != nil)
    }

    @Test func scalarConstraints() throws {
        var c = ArgConstraint()
        c.type = .number
        c.min = 0.01
        c.max = 500
        #expect(violation(c, 12.5) == nil)
        #expect(violation(c, 501)?.contains("at most 500") == true)
        #expect(violation(c, "12")?.contains("type number") == true)
        var s = ArgConstraint()
        s.min = 1
        s.max = 10
        #expect(violation(s, "7.5") == nil)
        #expect(violation(s, "1e9") != nil)
        var e = ArgConstraint()
        e.enumValues = ["read", "write"]
        #expect(violation(e, "read") == nil)
        #expect(violation(e, "delete")?.contains("one of") == true)
        var l = ArgConstraint()
        l.maxLength = 5
        #expect(violation(l, "hello") == nil)
        #expect(violation(l, "hello!") != nil)
        var p = ArgConstraint()
        p.pattern = try .init("^[A-Z]{3}$", options: .init(caseless: false))
        #expect(violation(p, "ABC") == nil)
        #expect(violation(p, "abc") != nil)
        var i = ArgConstraint()
        i.type = .integer
        #expect(violation(i, 3) == nil)
        #expect(violation(i, 3.5) != nil)
    }

    @Test func untaintedValues() {
        var c = ArgConstraint()
        c.untainted = true
        #expect(violation(c, "DE89370400440532013000", untrusted: ["Pay to DE89 3704 0044 0532 0130 00 today"]) != nil)
        #expect(violation(c, "DE89370400440532013000", untrusted: ["nothing relevant"]) == nil)
        #expect(violation(c, "yes", untrusted: ["yes yes yes"]) == nil, "short values never count as taken from content")
    }
}
