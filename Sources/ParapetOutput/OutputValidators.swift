import ParapetRules

/// Validators and detectors for output checks (checksums, entropy, canaries, links).
public enum OutputValidators {
    public static var registry: DetectorRegistry {
        var r = DetectorRegistry()
        for v in validators { r.register(v) }
        return r
    }

    static let validators: [MatchValidator] = [
        MatchValidator(name: "luhn", summary: "payment card number passes the Luhn checksum", check: Luhn.isValid),
    ]
}
