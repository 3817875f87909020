/// l33t folding: digits and symbols read as letters, applied only inside mixed tokens.
enum Leet {
    /// The letter a l33t byte stands for (0 o, 1 i, 3 e, 4 a, 5 s, 7 t, 8 b, 9 g, @ a, $ s).
    @inline(__always) static func letter(for b: UInt8) -> UInt8? {
        switch b {
        case 0x30: return 0x6F
        case 0x31: return 0x69
        case 0x33: return 0x65
        case 0x34: return 0x61
        case 0x35: return 0x73
        case 0x37: return 0x74
        case 0x38: return 0x62
        case 0x39: return 0x67
        case 0x40: return 0x61
        case 0x24: return 0x73
        default: return nil
        }
    }

    /// Folds l33t bytes in place inside tokens (runs of letters/digits/@/$) that contain
    /// at least one letter and one l33t byte. Length never changes, so maps stay valid.
    static func foldMixedTokens(_ b: inout [UInt8], lexicon: Set<[UInt8]> = []) {
        var folded: [Range<Int>] = [], digitsOnly: [Range<Int>] = []
        var i = 0
        while i < b.count {
            guard Compactor.isTokenByte(b[i]) else { i += 1; continue }
            var end = i, hasLetter = false, hasLeet = false
            while end < b.count && Compactor.isTokenByte(b[end]) {
                if Compactor.isLetter(b[end]) { hasLetter = true } else if letter(for: b[end]) != nil { hasLeet = true }
                end += 1
            }
            if hasLetter && hasLeet {
                fold(&b, i..<end, lexicon: lexicon)
                folded.append(i..<end)
            } else if !hasLetter && hasLeet && end - i <= 6 {
                digitsOnly.append(i..<end)
            }
            i = end
        }
        // A token of l33t digits only ("411" for "all") is folded when a folded word stands right
        // beside it; elsewhere digits are numbers ("2024", "404").
        for t in digitsOnly {
            let beside = folded.contains { $0.upperBound + 1 == t.lowerBound || t.upperBound + 1 == $0.lowerBound }
            if beside && b[t].allSatisfy({ letter(for: $0) != nil }) { fold(&b, t, lexicon: lexicon) }
        }
    }

    private static func fold(_ b: inout [UInt8], _ token: Range<Int>, lexicon: Set<[UInt8]>) {
        let ones = token.filter { b[$0] == 0x31 }.map { $0 - token.lowerBound }
        for k in token { if let l = letter(for: b[k]) { b[k] = l } }
        if !ones.isEmpty { disambiguate(&b, token, ones: ones, lexicon: lexicon) }
    }

    /// "1" stands for "i" or "l". The all-"i" reading stays unless another reading is a known
    /// word and it is not; failing whole words, a known word of 5+ letters at the token's start
    /// or end decides the same way.
    static func disambiguate(_ b: inout [UInt8], _ token: Range<Int>, ones: [Int], lexicon: Set<[UInt8]>) {
        guard ones.count <= 5, token.count <= 24 else { return }
        let base = Array(b[token])
        func reading(_ mask: Int) -> [UInt8] {
            var w = base
            for (bit, k) in ones.enumerated() { w[k] = mask & (1 << bit) != 0 ? 0x6C : 0x69 }
            return w
        }
        let masks = 1..<(1 << ones.count)
        for test in [exactlyKnown, partlyKnown] {
            if test(base, lexicon) { return }
            if let m = masks.first(where: { test(reading($0), lexicon) }) {
                b.replaceSubrange(token, with: reading(m))
                return
            }
        }
    }

    static func exactlyKnown(_ w: [UInt8], _ lexicon: Set<[UInt8]>) -> Bool {
        lWords.contains(w) || lexicon.contains(w)
    }

    static func partlyKnown(_ w: [UInt8], _ lexicon: Set<[UInt8]>) -> Bool {
        guard w.count > 5 else { return false }
        for n in 5..<w.count where lexicon.contains(Array(w.prefix(n))) || lexicon.contains(Array(w.suffix(n))) { return true }
        return false
    }

    /// Words with an "l" that attacks use, so a "1" in them is read as "l", not "i".
    static let lWords: Set<[UInt8]> = Set([
        "all", "tell", "reveal", "rule", "rules", "role", "roleplay", "filter", "filters", "unfiltered",
        "illegal", "unlimited", "developer", "model", "malicious", "leak", "please", "follow", "following",
        "full", "fully", "only", "limit", "limits", "limitations", "policy", "policies", "explain", "display",
        "will", "still", "kill", "else", "self", "yourself", "block", "blocked", "hello", "guidelines",
        "guideline", "details", "control", "email", "file", "files", "delete", "level", "real", "helpful",
        "harmful", "help", "like", "old", "world", "language", "lines", "line", "list", "label", "legal",
        "unlock", "unlocked", "evil", "clear", "original", "initial", "literally", "letter", "local", "long",
        "il", "le", "la", "lo", "el", "los", "las", "les", "del", "al",
    ].map { Array($0.utf8) })
}
