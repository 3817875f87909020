import ParapetRules

/// The pack's own vocabulary, so the compact view can read a l33t "1" as "i" or "l"
/// the way the rules spell their words (`1gn0r3` -> ignore, `ru135` -> rules).
enum LeetLexicon {
    /// Lower-case ASCII words (4+ letters, with an i or an l) from every pattern and literal.
    static func build(_ set: CompiledRuleSet) -> Set<[UInt8]> {
        var words = Set<[UInt8]>()
        for rule in set.rules {
            for text in rule.spec.patterns.map(\.source) + rule.spec.literals {
                var run: [UInt8] = []
                // A backslash escape (\b, \s, \w) is not part of a word.
                var escaped = false
                for b in text.utf8 {
                    let lower = b >= 0x41 && b <= 0x5A ? b | 0x20 : b
                    if !escaped && lower >= 0x61 && lower <= 0x7A {
                        run.append(lower)
                    } else {
                        if run.count >= 4 && (run.contains(0x69) || run.contains(0x6C)) { words.insert(run) }
                        run.removeAll(keepingCapacity: true)
                    }
                    escaped = !escaped && b == 0x5C
                }
                if run.count >= 4 && (run.contains(0x69) || run.contains(0x6C)) { words.insert(run) }
            }
        }
        return words
    }
}
