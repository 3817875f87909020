/// A pass that rules out compaction for ordinary text: it looks for two isolated
/// single-character tokens two bytes apart, or a token mixing letters with l33t
/// digits/symbols. False positives only cost the exact check in `Compactor`.
///
/// `mayChangeReference` states the test as bit arithmetic over the last few bytes; `mayChange`
/// runs the same test as a small automaton whose states are those bits (built from the
/// reference step itself), so the scan costs two table loads per byte.
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

    /// The reference state after some bytes: token bits of the last two bytes, which of the
    /// bytes before the current one were single tokens (two bits suffice for the test), and
    /// the letter/leet bits seen in the current token.
    private struct Bits: Equatable {
        var prev2: UInt32 = 0, prev1: UInt32 = 0, singles: UInt32 = 0, cur: UInt32 = 0

        /// One byte of class `c`; true when the text may compact.
        mutating func step(_ c: UInt32) -> Bool {
            var hit: UInt32 = 0
            let t = c & 1
            singles = (singles << 1 | (prev1 & ~prev2 & ~t & 1)) & 0x1F
            hit |= UInt32(singles & 0x05 == 0x05 ? 1 : 0)
            cur = (cur | c) & (0 &- t)
            hit |= (cur >> 1) & (cur >> 2) & 1
            prev2 = prev1
            prev1 = t
            return hit != 0
        }

        /// The last byte has no successor: it counts as a single if isolated.
        func finish() -> Bool {
            let s = (singles << 1 | (prev1 & ~prev2 & 1)) & 0x1F
            return s & 0x05 == 0x05
        }

        /// Only these bits decide later steps: `singles` bits 0-1, `cur` letter/leet bits.
        var state: Int { Int(prev2 | prev1 << 1 | (singles & 3) << 2 | ((cur >> 1) & 3) << 4) }

        init() {}
        init(state s: Int) {
            prev2 = UInt32(s & 1); prev1 = UInt32(s >> 1 & 1)
            singles = UInt32(s >> 2 & 3); cur = UInt32(s >> 4 & 3) << 1
        }
    }

    /// States 0..<64 are `Bits.state`; `hitState` absorbs (the text may compact).
    private static let hitState: UInt8 = 64

    /// `transitions[state << 3 | class]`.
    private static let transitions: [UInt8] = {
        var table = [UInt8](repeating: hitState, count: 65 << 3)
        for s in 0..<64 {
            for c in 0..<8 {
                var bits = Bits(state: s)
                table[s << 3 | c] = bits.step(UInt32(c)) ? hitState : UInt8(bits.state)
            }
        }
        return table
    }()

    /// Per state: whether the end of text after it is a hit.
    private static let endsInHit: [Bool] = (0..<65).map { $0 == 64 || Bits(state: $0).finish() }

    /// `transitions` with the byte class folded in: `byteTransitions[state << 8 | byte]`
    /// (65 x 256 bytes), so a step is one table load instead of two dependent ones.
    private static let byteTransitions: [UInt8] = {
        var table = [UInt8](repeating: hitState, count: 65 << 8)
        for s in 0..<65 {
            for b in 0..<256 { table[s << 8 | b] = transitions[s << 3 | Int(classes[b])] }
        }
        return table
    }()

    static func mayChange(_ b: [UInt8]) -> Bool {
        var state: UInt8 = 0
        b.withUnsafeBufferPointer { p in
            guard let base = p.baseAddress else { return }
            let raw = UnsafeRawPointer(base)
            byteTransitions.withUnsafeBufferPointer { next in
                var i = 0
                let n = p.count
                while i < n {
                    // Plain words skip the automaton's chain of dependent loads, sixteen bytes at a
                    // time (the single-token test then runs once for both words), else eight.
                    if i + 16 <= n, state & Self.unsettled == 0,
                       let exit = calmExit16(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self),
                                             raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self), from: state) {
                        state = exit
                        i += 16
                        continue
                    }
                    if i + 8 <= n, state & Self.unsettled == 0,
                       let exit = calmExit(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self), from: state) {
                        state = exit
                        i += 8
                        continue
                    }
                    // Not calm: the automaton takes the next eight bytes (one block test per block).
                    let stop = min(n, i + 8)
                    while i < stop {
                        state = next[Int(state) << 8 | Int(p[i])]
                        i += 1
                    }
                    if state == hitState { return }
                }
            }
        }
        return endsInHit[Int(state)]
    }

    /// State bits a calm block cannot take over: the hit state, and l33t in the open token.
    private static let unsettled: UInt8 = hitState | 0x20

    /// The state after eight bytes `x` holding no digit, `@` or `$` (so every token byte is a
    /// letter), entered from `state` (without `unsettled` bits); nil when a step in the block
    /// may hit. With letters only, a hit is two single-byte tokens two bytes apart ("a b"):
    /// the single tokens from the one before the block (decided by the block's first byte) to
    /// the block's last lane but one are found on a bit mask, joined with the two the state
    /// remembers, and tested for such a pair. Isolated ones ("a", "I", common in prose) no
    /// longer stop the block.
    @inline(__always)
    static func calmExit(_ x: UInt64, from state: UInt8) -> UInt8? {
        let (token, nonLetter) = Compactor.tokenMasks(x)
        guard nonLetter == 0 else { return nil }
        return exit(tokens: laneBits(token), lanes: 8, from: state)
    }

    /// `calmExit` for the sixteen bytes `x0` then `x1`, their single tokens tested at once.
    @inline(__always)
    static func calmExit16(_ x0: UInt64, _ x1: UInt64, from state: UInt8) -> UInt8? {
        let (token0, nonLetter0) = Compactor.tokenMasks(x0)
        let (token1, nonLetter1) = Compactor.tokenMasks(x1)
        guard nonLetter0 | nonLetter1 == 0 else { return nil }
        return exit(tokens: laneBits(token0) | laneBits(token1) << 8, lanes: 16, from: state)
    }

    /// Bit k set when lane k of a byte mask (0x80 per lane) is set.
    @inline(__always)
    private static func laneBits(_ mask: UInt64) -> UInt32 {
        UInt32(truncatingIfNeeded: ((mask >> 7) &* 0x0102_0408_1020_4080) >> 56)
    }

    /// The calm block's test and exit state from `m` (bit k: lane k of the block's `lanes`
    /// bytes is a token byte).
    @inline(__always)
    private static func exit(tokens m: UInt32, lanes: UInt32, from state: UInt8) -> UInt8? {
        let st = UInt32(state)
        // Bit 1: the byte two before the block, bit 2: the byte before it, bit 3 + k: lane k.
        let ext = m << 3 | (st >> 1 & 1) << 2 | (st & 1) << 1
        // Single tokens at bits 2 ... lanes + 1 (the byte before the block to the last lane but
        // one: both neighbours known), and those the state remembers at bits 1 and 0 (two and
        // three bytes back).
        let decided: UInt32 = (1 << (lanes &+ 2)) &- 4
        let singles = ext & ~(ext << 1) & ~(ext >> 1) & decided | (st >> 2 & 1) << 1 | (st >> 3 & 1)
        guard singles & (singles << 2) == 0 else { return nil }
        let beforeLast = m >> (lanes &- 2) & 1, last = m >> (lanes &- 1) & 1
        return UInt8(truncatingIfNeeded: beforeLast | last << 1 | (singles >> (lanes &+ 1) & 1) << 2
            | (singles >> lanes & 1) << 3 | last << 4)
    }

    /// The specification `mayChange` is built from and tested against.
    static func mayChangeReference(_ b: [UInt8]) -> Bool {
        var bits = Bits()
        var hit = false
        for x in b where bits.step(UInt32(classes[Int(x)])) { hit = true }
        return hit || bits.finish()
    }
}
