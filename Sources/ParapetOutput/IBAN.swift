/// IBAN: country code, the country's length, and the ISO 13616 mod-97 check.
public enum IBAN {
    /// Lengths per country (ISO 13616 registry).
    static let lengths: [String: Int] = [
        "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22, "BR": 29,
        "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "DO": 28, "EE": 20, "EG": 29,
        "ES": 24, "FI": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23, "GL": 18, "GR": 27, "GT": 28,
        "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IQ": 23, "IS": 26, "IT": 27, "JO": 30, "KW": 30, "KZ": 20,
        "LB": 28, "LC": 32, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "MC": 27, "MD": 24, "ME": 22, "MK": 19,
        "MR": 27, "MT": 31, "MU": 30, "NL": 18, "NO": 15, "PK": 24, "PL": 28, "PS": 29, "PT": 25, "QA": 29,
        "RO": 24, "RS": 22, "SA": 24, "SC": 31, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "ST": 25, "SV": 28,
        "TL": 23, "TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20,
    ]

    /// True when the characters (spaces ignored, any case) form an IBAN with a valid check.
    @Sendable public static func isValid(_ bytes: ArraySlice<UInt8>) -> Bool {
        var chars = [UInt8]()
        for b in bytes where b != 0x20 {
            let u = (b >= 0x61 && b <= 0x7A) ? b - 0x20 : b
            guard (u >= 0x30 && u <= 0x39) || (u >= 0x41 && u <= 0x5A) else { return false }
            chars.append(u)
        }
        guard chars.count >= 15 else { return false }
        let country = String(decoding: chars[0..<2], as: UTF8.self)
        guard let len = lengths[country], len == chars.count else { return false }
        // Move the first four characters to the end, letters become 10...35, then mod 97 == 1.
        var rem = 0
        for c in chars[4...] + chars[0..<4] {
            if c <= 0x39 { rem = (rem * 10 + Int(c - 0x30)) % 97 } else { rem = (rem * 100 + Int(c - 0x41 + 10)) % 97 }
        }
        return rem == 1
    }
}
