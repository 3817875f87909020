import ParapetRules
import ParapetText

/// Finds optimizer-made adversarial suffixes (GCG and relatives): runs of whitespace-separated
/// tokens that mix letters with brackets, braces, backslashes and quotes, inside a stretch whose
/// brackets do not balance. Code and markup are symbol-heavy too, but their brackets nest; token
/// soup does not. Works on the raw view so case changes inside tokens stay visible.
struct TokenSoupDetector: Detector {
    static let name = "token-soup"
    let window: Int
    let minOdd: Int
    let minMismatch: Int
    let maxTokens: Int

    init(params: [String: RuleValue]) throws {
        let p = try DetectorParams(params, allowed: ["window", "min_odd_tokens", "min_bracket_mismatch", "max_tokens"])
        window = try p.int("window", default: 16, in: 4...64)
        minOdd = try p.int("min_odd_tokens", default: 5, in: 1...64)
        minMismatch = try p.int("min_bracket_mismatch", default: 2, in: 0...64)
        maxTokens = try p.int("max_tokens", default: 8_192, in: 16...100_000)
    }

    func detect(_ view: TextView, context: ScanContext) -> [DetectorHit] {
        let memo = TextMemo.memo(for: view.bytes)
        // Cheap precheck: mismatches never exceed the bracket bytes, so a text with fewer
        // brackets than `minMismatch` cannot score; skip the token pass.
        if memo.bracketCount() < minMismatch { return [] }
        // Balanced brackets rule the text out before the token pass (code, JSON and bracketed
        // prose are balanced). The whole text's balance is the one the pass would report unless
        // the token cap cuts the text short, which takes more than two bytes per token.
        if minMismatch > 0, view.bytes.count <= 2 * maxTokens, memo.bracketMismatches() < minMismatch { return [] }
        let tokens = memo.soup(maxTokens: maxTokens)
        let odd = tokens.odd
        guard odd.count >= minOdd else { return [] }
        var inWindow = 0
        var best = -1
        var bestStart = 0
        for t in odd.indices {
            if odd[t] { inWindow += 1 }
            if t >= window, odd[t - window] { inWindow -= 1 }
            if inWindow > best { best = inWindow; bestStart = max(0, t - window + 1) }
        }
        guard best >= minOdd else { return [] }
        let lastToken = min(odd.count - 1, bestStart + window - 1)
        let range = tokens.starts[bestStart]..<tokens.ends[lastToken]
        // Balance is judged over the whole text: a window may cut well-formed JSON or code in half.
        let mismatches = tokens.mismatches
        guard mismatches >= minMismatch else { return [] }
        return [DetectorHit(range: range, note: "\(best) odd tokens in \(window), \(mismatches) unbalanced brackets")]
    }

    /// A token is odd when it mixes letters with code punctuation, or switches case mid-word.
    static func isOdd(_ b: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Bool {
        var letters = 0, syms = 0, caseFlips = 0
        var prevLower = false
        for k in s..<e {
            let c = b[k]
            if ByteClass.isLetter(c) {
                letters += 1
                let upper = c <= 0x5A
                if upper && prevLower { caseFlips += 1 }
                prevLower = !upper
            } else {
                prevLower = false
                switch c {
                case 0x7B, 0x7D, 0x5B, 0x5D, 0x28, 0x29, 0x3C, 0x3E, 0x5C, 0x60, 0x7C, 0x24, 0x40, 0x5E, 0x7E, 0x22, 0x3D, 0x25, 0x2A, 0x23, 0x3B:
                    syms += 1
                default: break
                }
            }
        }
        if syms >= 2 && (letters >= 1 || e - s >= 3) { return true }
        if syms >= 1 && letters >= 3 { return true }
        return caseFlips >= 1 && letters >= 6
    }

    /// Bracket bytes in `b`, counting stops at `limit`.
    static func bracketCount(_ b: [UInt8], atLeast limit: Int) -> Int {
        var count = 0
        for c in b {
            if c == 0x28 || c == 0x29 || c == 0x5B || c == 0x5D || c == 0x7B || c == 0x7D {
                count += 1
                if count >= limit { return count }
            }
        }
        return count
    }

    /// All bracket bytes in `b`, eight bytes per step: bytes that are ( ) [ ] { } are flagged
    /// exactly (no carry crosses a byte) and counted with one popcount. Most texts have none:
    /// a first pass only asks whether any word holds one (three zero-byte tests, exact for "any"),
    /// and the counting pass runs from the first word that does.
    static func bracketCount(_ b: [UInt8]) -> Int {
        b.withUnsafeBufferPointer { p in
            guard let base = p.baseAddress else { return 0 }
            let n = p.count
            let ones: UInt64 = 0x0101_0101_0101_0101, high: UInt64 = 0x8080_8080_8080_8080
            var start = 0
            while start + 8 <= n {
                // SAFETY: start + 8 <= n.
                let w = UnsafeRawPointer(base + start).loadUnaligned(as: UInt64.self)
                let paren = (w & (ones &* 0xFE)) ^ (ones &* 0x28)
                let open = (w | ones &* 0x20) ^ (ones &* 0x7B), close = (w | ones &* 0x20) ^ (ones &* 0x7D)
                // (v - 1) & ~v has a high bit set exactly when some byte of v is zero (lowest one exact).
                if ((paren &- ones) & ~paren | (open &- ones) & ~open | (close &- ones) & ~close) & high != 0 { break }
                start += 8
            }
            return start == n ? 0 : countBrackets(base + start, n - start)
        }
    }

    /// The counting pass of `bracketCount` over `n` bytes at `base`.
    private static func countBrackets(_ base: UnsafePointer<UInt8>, _ n: Int) -> Int {
        let ones: UInt64 = 0x0101_0101_0101_0101
        var count = 0
        var i = 0
        // Hits are summed per byte lane (no popcount instruction in the baseline x86-64
        // target), and the lanes are added up every 31 words, before a lane could reach 256.
        var lanes: UInt64 = 0
        var pending = 0
        while i + 8 <= n {
            // SAFETY: i + 8 <= n, so all eight bytes are inside the buffer.
            lanes &+= bracketLanes(UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)) >> 7
            pending &+= 1
            if pending == 31 {
                count &+= Int(truncatingIfNeeded: (lanes &* ones) >> 56)
                lanes = 0
                pending = 0
            }
            i += 8
        }
        count &+= Int(truncatingIfNeeded: (lanes &* ones) >> 56)
        while i < n {
            let c = base[i]
            if c == 0x28 || c == 0x29 || c == 0x5B || c == 0x5D || c == 0x7B || c == 0x7D { count += 1 }
            i += 1
        }
        return count
    }

    /// 0x80 in each of the eight bytes of `w` that is a bracket ( ) [ ] { }, exactly: no carry
    /// crosses a byte.
    @inline(__always)
    static func bracketLanes(_ w: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let folded = w | (ones &* 0x20)   // [ ] become { }
        return SaladScan.zeroBytes((w & (ones &* 0xFE)) ^ (ones &* 0x28))   // ( )
            | SaladScan.zeroBytes(folded ^ (ones &* 0x7B)) | SaladScan.zeroBytes(folded ^ (ones &* 0x7D))
    }

    /// Closing brackets that do not match the innermost open one, plus brackets left open.
    /// The open-bracket stack (at most 64 deep) lives on the stack frame, so a scan allocates
    /// nothing. Eight bytes a step: a block without a bracket (most of any text) is passed over,
    /// and in the others only the bracket lanes are read. The tests hold it to a byte loop.
    static func bracketMismatches(_ b: [UInt8], _ r: Range<Int>) -> Int {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { stack in
            b.withUnsafeBufferPointer { p in
                guard let base = p.baseAddress, !r.isEmpty else { return 0 }
                var depth = 0
                var bad = 0
                @inline(__always) func take(_ c: UInt8) {
                    switch c {
                    case 0x28, 0x5B, 0x7B:
                        if depth < 64 { stack[depth] = c; depth &+= 1 } else { bad &+= 1 }
                    case 0x29, 0x5D, 0x7D:
                        let want: UInt8 = c == 0x29 ? 0x28 : (c == 0x5D ? 0x5B : 0x7B)
                        if depth > 0 && stack[depth &- 1] == want { depth &-= 1 } else { bad &+= 1 }
                    default: break
                    }
                }
                var k = r.lowerBound
                while k &+ 8 <= r.upperBound {
                    var hits = bracketLanes(UnsafeRawPointer(base + k).loadUnaligned(as: UInt64.self))
                    while hits != 0 {
                        take(base[k &+ hits.trailingZeroBitCount >> 3])
                        hits &= hits &- 1
                    }
                    k &+= 8
                }
                while k < r.upperBound { take(base[k]); k &+= 1 }
                return bad &+ depth
            }
        }
    }
}
