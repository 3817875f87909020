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
    static func foldMixedTokens(_ b: inout [UInt8]) {
        var i = 0
        while i < b.count {
            guard Compactor.isTokenByte(b[i]) else { i += 1; continue }
            var end = i, hasLetter = false, hasLeet = false
            while end < b.count && Compactor.isTokenByte(b[end]) {
                if Compactor.isLetter(b[end]) { hasLetter = true } else if letter(for: b[end]) != nil { hasLeet = true }
                end += 1
            }
            if hasLetter && hasLeet {
                for k in i..<end { if let l = letter(for: b[k]) { b[k] = l } }
            }
            i = end
        }
    }
}
