import ParapetRules

/// Validators and detectors for output checks (checksums, entropy, canaries, links).
public enum OutputValidators {
    public static var registry: DetectorRegistry {
        var r = DetectorRegistry()
        for v in validators { r.register(v) }
        for f in detectors { r.register(f) }
        return r
    }

    static let validators: [MatchValidator] = [
        MatchValidator(name: "luhn", summary: "payment card number passes the Luhn checksum", check: Luhn.isValid),
        MatchValidator(name: "card-number", summary: "Luhn, a known issuer range and length, not a published test number", check: CardNumber.isValid),
        MatchValidator(name: "github-token", summary: "GitHub token whose last 6 characters are the base62 CRC32 of the random part", check: GitHubToken.hasValidChecksum),
        MatchValidator(name: "entropy", summary: "16+ characters, letters and digits, >= 3 bits/char, not a placeholder", check: SecretValue.isHighEntropy),
        MatchValidator(name: "secret-value", summary: "a literal value, not a variable, template, mask or placeholder", check: SecretValue.isLiteral),
        MatchValidator(name: "iban", summary: "IBAN with the country's length and a valid mod-97 check", check: IBAN.isValid),
        MatchValidator(name: "us-ssn", summary: "US SSN with valid area, group and serial", check: SSN.isValid),
        MatchValidator(name: "ipv4-public", summary: "a public IPv4 address", check: IPAddress.isPublicV4),
        MatchValidator(name: "ipv6-public", summary: "a global IPv6 address", check: IPAddress.isPublicV6),
        MatchValidator(name: "phone", summary: "7 to 15 digits, not filler", check: Phone.isPlausible),
        MatchValidator(name: "email", summary: "well-formed address outside documentation domains", check: Email.isValid),
        MatchValidator(name: "date", summary: "a calendar date with a plausible day, month and year", check: DateOfBirth.isValid),
    ]

    static let detectors: [DetectorFactory] = [
        DetectorFactory(name: "canary", summary: "canary tokens from the scan context, also split, re-cased, base64 or hex") { p in
            CanaryDetector(maxSpan: p["max_span"]?.int ?? 512)
        },
        DetectorFactory(name: "prompt-leak", summary: "long verbatim or near-verbatim runs of the system prompt (word shingles)") { p in
            let d = PromptLeakDetector(shingle: p["shingle"]?.int ?? 5, minWords: p["min_words"]?.int ?? 16, maxSpan: p["max_span"]?.int ?? 1024)
            guard d.shingle >= 2, d.minWords >= d.shingle else { throw DetectorParamError("need shingle >= 2 and min_words >= shingle") }
            return d
        },
        DetectorFactory(name: "untrusted-link", summary: "embeds or data-carrying links to hosts outside the allowed list") { p in
            guard let m = LinkDetector.Mode(rawValue: p["mode"]?.string ?? "embed") else { throw DetectorParamError("mode must be embed or data") }
            return LinkDetector(mode: m)
        },
    ]
}
