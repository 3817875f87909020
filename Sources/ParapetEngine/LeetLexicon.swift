import ParapetRules

/// The pack's own vocabulary, so the compact view can read a l33t "1" as "i" or "l"
/// the way the rules spell their words (`1gn0r3` -> ignore, `ru135` -> rules).
enum LeetLexicon {
    /// Lower-case ASCII words (4+ letters, with an i or an l) from every pattern and literal.
    static func build(_ set: CompiledRuleSet) -> Set<[UInt8]> {
        var words = Set<[UInt8]>()
        words.reserveCapacity(4096)
        for rule in set.rules {
            for p in rule.spec.patterns { collect(p.source, into: &words) }
            for l in rule.spec.literals { collect(l, into: &words) }
        }
        return words
    }

    /// Adds the words of `text` to `words`. A word is a run of ASCII letters; a letter right
    /// after an unescaped backslash (`\b`, `\s`, `\w`) is not part of one. Runs are read in place
    /// and copied only when they qualify (start-up cost: every pattern byte passes here).
    static func collect(_ text: String, into words: inout Set<[UInt8]>) {
        var text = text
        text.withUTF8 { buf in
            var start = -1
            var hasIL = false
            var escaped = false
            func end(_ i: Int) {
                if start >= 0, i - start >= 4, hasIL { words.insert(buf[start..<i].map { $0 | 0x20 }) }
                start = -1
                hasIL = false
            }
            for i in 0..<buf.count {
                let b = buf[i]
                let lower = b >= 0x41 && b <= 0x5A ? b | 0x20 : b
                if !escaped && lower >= 0x61 && lower <= 0x7A {
                    if start < 0 { start = i }
                    if lower == 0x69 || lower == 0x6C { hasIL = true }
                } else {
                    end(i)
                }
                escaped = !escaped && b == 0x5C
            }
            end(buf.count)
        }
    }
}
