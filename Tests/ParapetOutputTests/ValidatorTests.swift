import Testing
@testable import ParapetOutput

private func b(_ s: String) -> ArraySlice<UInt8> { Array(s.utf8)[...] }

@Test func githubChecksumAcceptsRealShapeAndRejectsEditedToken() {
    // Checksum computed independently (zlib CRC32, base62) for this random body.
    let token = "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"
    #expect(GitHubToken.hasValidChecksum(b(token)))
    var edited = Array(token.utf8); edited[10] = edited[10] == 0x61 ? 0x62 : 0x61
    #expect(!GitHubToken.hasValidChecksum(edited[...]))
    #expect(!GitHubToken.hasValidChecksum(b("ghp_short")))
}

@Test func cardNumbersNeedLuhnIssuerAndLength() {
    #expect(CardNumber.isValid(b("4539 1488 0343 6467")))
    #expect(CardNumber.isValid(b("341258690374519")))          // Amex, 15 digits
    #expect(!CardNumber.isValid(b("4539 1488 0343 6468")))     // Luhn fails
    #expect(!CardNumber.isValid(b("4242424242424242")))        // published test number
    #expect(!CardNumber.isValid(b("9999999999999995")))        // no issuer starts with 9
    #expect(!CardNumber.isValid(b("34125869037451")))          // Amex with the wrong length
}

@Test func ibanChecksCountryLengthAndMod97() {
    #expect(IBAN.isValid(b("GB33BUKB20201555555555")))
    #expect(IBAN.isValid(b("de89 3704 0044 0532 0130 00")))
    #expect(!IBAN.isValid(b("GB33BUKB20201555555556")))
    #expect(!IBAN.isValid(b("DE89370400440532013")))          // too short for DE
    #expect(!IBAN.isValid(b("ZZ12345678901234567")))
}

@Test func ssnFollowsAllocationRules() {
    #expect(SSN.isValid(b("536-90-4399")))
    #expect(SSN.isValid(b("853-37-1694")))                     // 8xx areas are issued since 2011
    for bad in ["000-12-3456", "666-12-3456", "912-34-5678", "536-00-4399", "536-90-0000", "078-05-1120"] {
        #expect(!SSN.isValid(b(bad)), "\(bad)")
    }
}

@Test func ipValidatorsKeepOnlyPublicAddresses() {
    #expect(IPAddress.isPublicV4(b("86.121.97.248")))
    for bad in ["10.0.0.1", "192.168.1.10", "172.20.0.5", "127.0.0.1", "8.8.8.8", "203.0.113.7", "256.1.1.1", "01.2.3.4"] {
        #expect(!IPAddress.isPublicV4(b(bad)), "\(bad)")
    }
    #expect(IPAddress.isPublicV6(b("2607:f8b0:4005:80a::200e")))
    #expect(!IPAddress.isPublicV6(b("2001:db8::1")))
    #expect(!IPAddress.isPublicV6(b("fe80::1ff:fe23:4567:890a")))
    #expect(!IPAddress.isPublicV6(b("add::")))
}

@Test func phoneEmailAndDateValidators() {
    #expect(Phone.isPlausible(b("+1-415-555-0132x204")))
    #expect(!Phone.isPlausible(b("12 34")))
    #expect(!Phone.isPlausible(b("000 000 0000")))
    #expect(Email.isValid(b("jane.doe@mailbox.org")))
    #expect(!Email.isValid(b("user@example.com")))
    #expect(!Email.isValid(b("a..b@mailbox.org")))
    #expect(DateOfBirth.isValid(b("04/12/1987")))
    #expect(DateOfBirth.isValid(b("3 March 1991")))
    #expect(!DateOfBirth.isValid(b("45/45/1987")))
}

@Test func entropyAndLiteralChecksRejectPlaceholders() {
    #expect(SecretValue.isHighEntropy(b("951bc382db9abad29c68634761dd6e19")))
    #expect(!SecretValue.isHighEntropy(b("aaaaaaaaaaaaaaaaaaaaaaaa")))
    #expect(!SecretValue.isHighEntropy(b("your-api-key-here-12345")))
    #expect(!SecretValue.isHighEntropy(b("a1b2c3d4e5f6g7h8i9j0k1l2")))
    #expect(SecretValue.isLiteral(b("c0rrect-h0rse")))
    for bad in ["$DB_PASSWORD", "${PW}", "<password>", "********", "#{password}", "https://x.test"] {
        #expect(!SecretValue.isLiteral(b(bad)), "\(bad)")
    }
}
