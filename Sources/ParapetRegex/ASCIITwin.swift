/// The byte-mode twin of a pattern: compiled without UTF and UCP, it matches an all-ASCII
/// subject exactly as the pattern does, and PCRE2's JIT runs it markedly faster (no UTF-8
/// decoding, no Unicode property look-ups for `\w`, `\b`, `\s`).
///
/// Why it is equivalent on ASCII subjects: without UCP, `\w` `\d` `\s` `\b` and case folding
/// agree with their Unicode forms on every ASCII character; a non-ASCII pattern character can
/// only ever match non-ASCII subject bytes in either mode, provided (1) a character outside a
/// class is wrapped as `(?:é)` so a quantifier after it still applies to the whole character,
/// (2) no non-ASCII character ends a class range (in byte mode a range end is a single byte),
/// and (3) the pattern holds none of the non-ASCII characters whose caseless partners are
/// ASCII (U+017F ſ, U+212A Kelvin sign, U+0130 İ, U+0131 ı). Constructs this reader does not
/// model (`\Q…\E`, comments, extended mode, option-setting verbs like `(*UCP)`, `\p`) give no
/// twin; escapes for code points above 0xFF make the byte-mode compile fail, also no twin.
enum ASCIITwin {
    /// The twin's source, or nil when no twin is known to be equivalent.
    static func source(for pattern: String) -> String? {
        let s = Array(pattern.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(s.count + 16)
        var i = 0
        var inClass = false
        /// Index in `s` of the first item of the current class (after `[` and an optional `^`).
        var classFirst = 0
        while i < s.count {
            let c = s[i]
            if c == UInt8(ascii: "\\") {
                guard i + 1 < s.count else { return nil }
                let e = s[i + 1]
                if e >= 0x80 {
                    // `\é` is the literal character: written without the backslash.
                    let n = scalarLength(s, i + 1)
                    guard appendNonASCII(s, i + 1, n, inClass: inClass, classFirst: classFirst, into: &out) else { return nil }
                    i += 1 + n
                    continue
                }
                switch e {
                case UInt8(ascii: "Q"), UInt8(ascii: "E"), UInt8(ascii: "p"), UInt8(ascii: "P"), UInt8(ascii: "X"), UInt8(ascii: "N"):
                    return nil
                default:
                    out.append(c); out.append(e)
                    i += 2
                }
                continue
            }
            if c >= 0x80 {
                let n = scalarLength(s, i)
                guard appendNonASCII(s, i, n, inClass: inClass, classFirst: classFirst, into: &out) else { return nil }
                i += n
                continue
            }
            if inClass {
                if c == UInt8(ascii: "]") && i != classFirst {
                    inClass = false
                } else if c == UInt8(ascii: "[") && i + 1 < s.count && (s[i + 1] == UInt8(ascii: ":") || s[i + 1] == UInt8(ascii: ".") || s[i + 1] == UInt8(ascii: "=")) {
                    return nil  // POSIX class or collating element
                }
                out.append(c)
                i += 1
                continue
            }
            switch c {
            case UInt8(ascii: "["):
                inClass = true
                out.append(c)
                i += 1
                if i < s.count && s[i] == UInt8(ascii: "^") { out.append(s[i]); i += 1 }
                classFirst = i
                continue
            case UInt8(ascii: "("):
                if i + 1 < s.count && s[i + 1] == UInt8(ascii: "*") {
                    guard verbIsBacktrackControl(s, from: i + 2) else { return nil }
                } else if i + 1 < s.count && s[i + 1] == UInt8(ascii: "?") {
                    guard i + 2 < s.count, s[i + 2] != UInt8(ascii: "#") else { return nil }
                    // Inline options: no extended mode (its comments and spacing are not modelled).
                    var k = i + 2
                    while k < s.count, isOptionLetter(s[k]) {
                        if s[k] == UInt8(ascii: "x") { return nil }
                        k += 1
                    }
                }
            default:
                break
            }
            out.append(c)
            i += 1
        }
        guard !inClass else { return nil }
        return String(decoding: out, as: UTF8.self)
    }

    /// Non-ASCII characters whose caseless partners include an ASCII letter.
    static let asciiCasePartners: Set<UInt32> = [0x017F, 0x212A, 0x0130, 0x0131]

    /// Appends the `n`-byte character at `s[at]`: wrapped as a group outside a class, as is
    /// inside one unless it is a range end. False when no twin can be made.
    private static func appendNonASCII(_ s: [UInt8], _ at: Int, _ n: Int, inClass: Bool, classFirst: Int, into out: inout [UInt8]) -> Bool {
        guard n > 0, at + n <= s.count, let scalar = decodeScalar(s, at, n), !asciiCasePartners.contains(scalar) else { return false }
        if inClass {
            // A range with a non-ASCII end has another meaning in byte mode.
            let before = at - 1
            let prev = before >= 0 && s[before] == UInt8(ascii: "\\") ? before - 1 : before
            if prev >= classFirst, prev >= 0, s[prev] == UInt8(ascii: "-") { return false }
            if at + n < s.count, s[at + n] == UInt8(ascii: "-") { return false }
            out.append(contentsOf: s[at..<(at + n)])
        } else {
            out.append(contentsOf: "(?:".utf8)
            out.append(contentsOf: s[at..<(at + n)])
            out.append(UInt8(ascii: ")"))
        }
        return true
    }

    /// Length of the UTF-8 sequence starting at `s[at]` (0 when its lead byte is invalid).
    private static func scalarLength(_ s: [UInt8], _ at: Int) -> Int {
        let b = s[at]
        switch b {
        case 0xC2...0xDF: return 2
        case 0xE0...0xEF: return 3
        case 0xF0...0xF4: return 4
        default: return 0
        }
    }

    private static func decodeScalar(_ s: [UInt8], _ at: Int, _ n: Int) -> UInt32? {
        var v = UInt32(s[at]) & (n == 2 ? 0x1F : n == 3 ? 0x0F : 0x07)
        for k in 1..<n {
            let b = s[at + k]
            guard b & 0xC0 == 0x80 else { return nil }
            v = v << 6 | UInt32(b & 0x3F)
        }
        return v
    }

    private static func isOptionLetter(_ c: UInt8) -> Bool {
        (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z")) || c == UInt8(ascii: "-") || c == UInt8(ascii: "^")
    }

    /// `(*COMMIT)` and the other backtracking verbs behave alike in both modes; option-setting
    /// start verbs (`(*UTF)`, `(*UCP)`, `(*CRLF)`, …) and unknown ones give no twin.
    private static func verbIsBacktrackControl(_ s: [UInt8], from: Int) -> Bool {
        var k = from
        var name: [UInt8] = []
        while k < s.count, s[k] != UInt8(ascii: ")"), s[k] != UInt8(ascii: ":") {
            name.append(s[k]); k += 1
        }
        let verbs = ["COMMIT", "PRUNE", "SKIP", "THEN", "FAIL", "F", "ACCEPT", "MARK", ""]
        return verbs.contains(String(decoding: name, as: UTF8.self))
    }
}
