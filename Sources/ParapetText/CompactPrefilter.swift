/// A branch-free pass that rules out compaction for ordinary text: it looks for two
/// isolated single-character tokens two bytes apart, or a token mixing letters with l33t
/// digits/symbols. False positives only cost the exact check in `Compactor`.
enum CompactPrefilter {
    private static let token: UInt8 = 1, letter: UInt8 = 2, leet: UInt8 = 4

    private static let classes: [UInt8] = (0..<256).map { b -> UInt8 in
        let u = UInt8(b)
        var c: UInt8 = 0
        if Compactor.isTokenByte(u) { c |= token }
        if Compactor.isLetter(u) { c |= letter }
        if Leet.letter(for: u) != nil { c |= leet }
        return c
    }

    static func mayChange(_ b: [UInt8]) -> Bool {
        var hit: UInt32 = 0
        b.withUnsafeBufferPointer { p in
            classes.withUnsafeBufferPointer { cls in
                var prev2: UInt32 = 0, prev1: UInt32 = 0  // token bits of bytes i-2, i-1
                var singles: UInt32 = 0                    // bit k: byte i-1-k was a single token
                var cur: UInt32 = 0                        // letter/leet bits seen in this token
                for i in 0..<p.count {
                    let c = UInt32(cls[Int(p[i])])
                    let t = c & 1
                    singles = (singles << 1 | (prev1 & ~prev2 & ~t & 1)) & 0x1F
                    hit |= UInt32(singles & 0x05 == 0x05 ? 1 : 0)
                    cur = (cur | c) & (0 &- t)
                    hit |= (cur >> 1) & (cur >> 2) & 1
                    prev2 = prev1
                    prev1 = t
                }
                // The last byte has no successor: count it as a single if isolated.
                singles = (singles << 1 | (prev1 & ~prev2 & 1)) & 0x1F
                hit |= UInt32(singles & 0x05 == 0x05 ? 1 : 0)
            }
        }
        return hit != 0
    }
}
