import Parapet

/// Builds the "pack × N" rule sources: the default pack plus N-1 mutated copies of every
/// pattern rule, each copy with its own vocabulary (letters shifted), so literals stay distinct.
/// A rule with nothing to shift (its pattern is classes, spaces and syntax, as in
/// `pi.smuggle.spaced-letters`) gets no copies: each would be the same rule under another id,
/// which a real pack would not hold and which only repeats the original's work.
enum ScaledPack {
    static func sources(multiplier: Int) -> [RuleSource] {
        let base = DefaultPack.ruleSources
        guard multiplier > 1 else { return base }
        var out = base
        for k in 1..<multiplier {
            var yaml = "family: generated-copy-\(k)\nrules:\n"
            for source in base {
                for spec in RuleFileParser.parse(source).rules where spec.detector == nil && !spec.patterns.isEmpty && shifts(spec) {
                    yaml += rule(spec, copy: k)
                }
            }
            out.append(RuleSource(path: "<generated>/copy-\(k).yaml", text: yaml))
        }
        return out
    }

    /// Whether copying `spec` changes some pattern or its set of declared literals (else the copy
    /// is a duplicate: `spaced-letters`' 676 letter pairs shift onto the same 676 pairs).
    static func shifts(_ spec: RuleSpec) -> Bool {
        spec.patterns.contains { shiftPattern($0.source, 1) != $0.source } || Set(spec.literals.map { shift($0, 1) }) != Set(spec.literals)
    }

    static func quote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "''") + "'" }

    static func rule(_ spec: RuleSpec, copy k: Int) -> String {
        var y = "  - id: \(spec.id)-copy\(k)\n"
        y += "    summary: generated copy \(k)\n"
        y += "    applies_to: [\(spec.appliesTo.map(\.rawValue).joined(separator: ", "))]\n"
        y += "    paranoia: \(spec.paranoia)\n    score: \(spec.score)\n"
        y += "    action: \(spec.action.rawValue)\n"
        y += "    views: [\(spec.views.map(\.rawValue).joined(separator: ", "))]\n"
        if spec.caseSensitive { y += "    case_sensitive: true\n" }
        if let v = spec.validator { y += "    validator: \(v)\n" }
        if !spec.literals.isEmpty {
            y += "    literals: [\(spec.literals.map { quote(shift($0, k)) }.joined(separator: ", "))]\n"
        }
        y += "    patterns:\n"
        for p in spec.patterns { y += "      - \(quote(shiftPattern(p.source, k)))\n" }
        return y
    }

    /// Caesar-shifts letters by `k`, keeping case.
    static func shift(_ s: String, _ k: Int) -> String {
        String(decoding: s.utf8.map { shiftByte($0, k) }, as: UTF8.self)
    }

    static func shiftByte(_ b: UInt8, _ k: Int) -> UInt8 {
        if b >= 0x61, b <= 0x7A { return 0x61 + UInt8((Int(b - 0x61) + k * 7) % 26) }
        if b >= 0x41, b <= 0x5A { return 0x41 + UInt8((Int(b - 0x41) + k * 7) % 26) }
        return b
    }

    /// Whether letters following `out` name syntax: `(?i`, `(?-i`, `(?^`, `(?<name`, `(?'name`,
    /// `(?P<name`, `(*VERB`.
    static func isSyntaxName(_ out: [UInt8]) -> Bool {
        guard out.count >= 2 else { return false }
        let c1 = out[out.count - 1], c2 = out[out.count - 2]
        let q = UInt8(ascii: "?")
        if c2 == UInt8(ascii: "(") { return c1 == q || c1 == UInt8(ascii: "*") }
        if c2 == q { return "-^<'P".utf8.contains(c1) }
        return c2 == UInt8(ascii: "P") && c1 == UInt8(ascii: "<")
    }

    /// Shifts the letters of literal text in a pattern, leaving escapes (`\b`, `\p{L}`, `\x{..}`),
    /// group syntax (`(?i)`, `(?<name>`), POSIX classes and verbs untouched.
    static func shiftPattern(_ p: String, _ k: Int) -> String {
        let b = Array(p.utf8)
        var out: [UInt8] = []
        var i = 0
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: "\\"), i + 1 < b.count {
                out.append(c); out.append(b[i + 1])
                let e = b[i + 1]
                i += 2
                if "xpPNgkou".utf8.contains(e), i < b.count, b[i] == UInt8(ascii: "{") {
                    while i < b.count { out.append(b[i]); i += 1; if out.last == UInt8(ascii: "}") { break } }
                }
                continue
            }
            if c == UInt8(ascii: "[") {
                // Character classes stay as they are: shifting could reverse a range like [a-f].
                out.append(c); i += 1
                if i < b.count, b[i] == UInt8(ascii: "^") { out.append(b[i]); i += 1 }
                if i < b.count, b[i] == UInt8(ascii: "]") { out.append(b[i]); i += 1 }
                while i < b.count {
                    let d = b[i]
                    out.append(d); i += 1
                    if d == UInt8(ascii: "\\"), i < b.count { out.append(b[i]); i += 1; continue }
                    if d == UInt8(ascii: "]") { break }
                }
                continue
            }
            let isLetter = (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A
            if isLetter, isSyntaxName(out) {
                // Flags, group names and verbs: copy the whole run unchanged.
                while i < b.count, (b[i] | 0x20) >= 0x61, (b[i] | 0x20) <= 0x7A { out.append(b[i]); i += 1 }
                continue
            }
            out.append(isLetter ? shiftByte(c, k) : c)
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}
