/// Decodes HTML character references in the whole text: numeric (`&#105;`, `&#x69;`, the
/// `;` optional) and the common named ones. Returns nil when none was found.
public enum HTMLEntityDecoder {
    /// Named references worth knowing; rarer ones are left as written.
    static let named: [String: Unicode.Scalar] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "sol": "/",
        "bsol": "\\", "colon": ":", "semi": ";", "comma": ",", "period": ".", "excl": "!",
        "quest": "?", "lpar": "(", "rpar": ")", "lsqb": "[", "rsqb": "]", "lbrace": "{",
        "rbrace": "}", "equals": "=", "plus": "+", "num": "#", "percnt": "%", "dollar": "$",
        "ast": "*", "lowbar": "_", "hyphen": "-", "vert": "|", "grave": "`", "Hat": "^",
        "tab": "\t", "NewLine": "\n", "copy": "\u{A9}", "reg": "\u{AE}", "shy": "\u{AD}",
        "zwj": "\u{200D}", "zwnj": "\u{200C}", "ndash": "\u{2013}", "mdash": "\u{2014}",
        "hellip": "\u{2026}", "laquo": "\u{AB}", "raquo": "\u{BB}",
    ]

    public static func segment(in text: [UInt8]) -> DecodedSegment? {
        var seg = DecodedSegment(transform: "html-entity")
        var found = 0
        var i = 0
        while i < text.count {
            if text[i] == 0x26, let (scalar, len) = reference(text, at: i) {
                seg.append(scalar: scalar, from: i..<(i + len))
                found += 1
                i += len
            } else {
                seg.append(text[i], from: i..<(i + 1))
                i += 1
            }
        }
        return found > 0 ? seg : nil
    }

    /// The reference starting with `&` at `i`: its scalar and byte length.
    static func reference(_ t: [UInt8], at i: Int) -> (Unicode.Scalar, Int)? {
        var p = i + 1
        guard p < t.count else { return nil }
        if t[p] == 0x23 {  // numeric
            p += 1
            let hex = p < t.count && (t[p] | 0x20) == 0x78
            if hex { p += 1 }
            var value: UInt32 = 0, digits = 0
            while p < t.count, digits < 8 {
                let d: UInt8?
                if hex { d = DecodeSupport.hexValue(t[p]) } else { d = t[p] >= 0x30 && t[p] <= 0x39 ? t[p] - 0x30 : nil }
                guard let d else { break }
                value = value * (hex ? 16 : 10) + UInt32(d)
                digits += 1
                p += 1
            }
            guard digits > 0, let s = Unicode.Scalar(value) else { return nil }
            if p < t.count && t[p] == 0x3B { p += 1 }
            return (s, p - i)
        }
        var name = ""
        while p < t.count, p - i <= 10, (t[p] | 0x20) >= 0x61 && (t[p] | 0x20) <= 0x7A {
            name.unicodeScalars.append(Unicode.Scalar(t[p]))
            p += 1
        }
        guard p < t.count, t[p] == 0x3B, let s = named[name] else { return nil }
        return (s, p + 1 - i)
    }
}
