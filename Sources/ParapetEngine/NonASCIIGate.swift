/// The "needs a non-ASCII character" gate.
///
/// Under caseless UCP matching a non-ASCII pattern character matches only its case variants, and
/// for all but a few characters those are non-ASCII too. The extractor writes such a character as
/// `placeholder`; a required literal that keeps a plain ASCII run of three bytes or more between
/// placeholders is searched by that run, and one that does not becomes `sentinel`: the rule can
/// only match a view holding a byte ≥ 0x80, which an ASCII prompt never has.
public enum NonASCIIGate {
    /// Stands for one non-ASCII character inside an extracted literal (never valid UTF-8).
    static let placeholder: UInt8 = 0xFF
    /// The resolved literal meaning "some byte ≥ 0x80".
    public static let sentinel: [UInt8] = [0xFF]

    /// Non-ASCII characters that caseless UCP matching pairs with an ASCII character, so they
    /// cannot prove a match needs a non-ASCII byte: KELVIN SIGN (k), LATIN SMALL LETTER LONG S (s),
    /// and, defensively, the dotted and dotless I (PCRE2 pairs them with `i` only under Turkish
    /// casing, which Parapet does not enable). `PrefilterNonASCIITests` checks every code point
    /// against PCRE2 itself.
    static let asciiPartners: Set<UInt32> = [0x212A, 0x017F, 0x0130, 0x0131]

    /// Blocks none of whose characters has another case, so caseless matching meets each only
    /// as itself and its UTF-8 bytes are a literal like ASCII punctuation: Hebrew, Arabic, Syriac,
    /// Thaana, the Indic scripts, Thai, Lao, Hangul, general punctuation (zero-width and bidi
    /// controls), arrows to dingbats (not the enclosed alphanumerics, whose circled letters have
    /// case), CJK, kana, Arabic presentation forms, variation selectors, pictographs, tags.
    /// `PrefilterNonASCIITests` checks them against PCRE2's caseless matching.
    static let uncasedBlocks: [ClosedRange<UInt32>] = [
        0x0590...0x07BF, 0x0900...0x0DFF, 0x0E00...0x0EFF, 0x1100...0x11FF,
        0x2000...0x206F, 0x2190...0x245F, 0x2500...0x27BF,
        0x3000...0x30FF, 0x3130...0x318F, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7AF,
        0xF900...0xFAFF, 0xFB50...0xFDFF, 0xFE00...0xFE0F, 0xFE70...0xFEFF,
        0x1F300...0x1FAFF, 0x20000...0x2FFFF, 0xE0000...0xE007F, 0xE0100...0xE01EF,
    ]

    /// Whether scalar `v` lies in `uncasedBlocks`.
    static func hasNoCase(_ v: UInt32) -> Bool {
        uncasedBlocks.contains { $0.contains(v) }
    }

    /// The other case of a Latin-1 letter whose caseless set under PCRE2 is exactly that pair
    /// (À–Þ with à–þ), so a caseless pattern meets the letter only as one of two known byte
    /// pairs; nil for every other character. Left out: × and ÷ (no case), Å and å (they also
    /// meet U+212B ANGSTROM SIGN), ß and ÿ (partners outside Latin-1). `PrefilterNonASCIITests`
    /// checks the pairs against PCRE2 over every code point.
    static func latin1CasePartner(_ v: UInt32) -> UInt32? {
        guard (0xC0...0xDE).contains(v) || (0xE0...0xFE).contains(v) else { return nil }
        switch v {
        case 0xD7, 0xF7, 0xC5, 0xE5: return nil
        default: return v ^ 0x20
        }
    }

    /// Whether the UTF-8 character `seq` has an ASCII case variant under caseless matching.
    static func pairsWithASCII(_ seq: [UInt8]) -> Bool {
        guard let scalar = decode(seq) else { return true }
        return asciiPartners.contains(scalar)
    }

    static func decode(_ seq: [UInt8]) -> UInt32? {
        guard let lead = seq.first else { return nil }
        var value: UInt32
        switch seq.count {
        case 2: value = UInt32(lead & 0x1F)
        case 3: value = UInt32(lead & 0x0F)
        case 4: value = UInt32(lead & 0x07)
        default: return nil
        }
        for b in seq.dropFirst() {
            guard b & 0xC0 == 0x80 else { return nil }
            value = value << 6 | UInt32(b & 0x3F)
        }
        return value
    }

    /// Shortest plain run a literal with placeholders resolves to. Shorter runs ("p l" of
    /// "lặp lại") occur in most English prose; the sentinel at least never selects ASCII text.
    /// (5 would also drop runs like "i nh", but cost 22% more on mixed-script prose, where the
    /// sentinel selects everything.)
    static let minRun = 4

    /// A literal as the scan searches it: unchanged without placeholders, else its longest plain
    /// ASCII run when that is long enough (`minRun`), else `sentinel`.
    static func resolve(_ lit: [UInt8]) -> [UInt8] {
        guard lit.contains(placeholder) else { return lit }
        let longest = lit.split(separator: placeholder, omittingEmptySubsequences: true).max { $0.count < $1.count }
        if let longest, longest.count >= minRun { return Array(longest) }
        return sentinel
    }

    /// How selective a literal is once resolved: its length, capped; the sentinel counts as one
    /// byte more than the shortest usable literal (free on ASCII text, useless on other text).
    static func selectivity(_ lit: [UInt8]) -> Int {
        let r = resolve(lit)
        return r == sentinel ? LiteralSets.minLength + 1 : min(r.count, 8)
    }

    /// Whether `bytes` holds any byte ≥ 0x80, eight bytes at a time.
    static func hasNonASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = bytes.count
        guard let base = bytes.baseAddress else { return false }
        var i = 0
        let raw = UnsafeRawPointer(base)
        while i + 8 <= n {
            if raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return true }
            i += 8
        }
        while i < n {
            if base[i] >= 0x80 { return true }
            i += 1
        }
        return false
    }
}
