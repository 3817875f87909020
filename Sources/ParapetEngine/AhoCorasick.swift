/// A multi-literal byte matcher (Aho–Corasick compiled to a DFA), ASCII case-insensitive.
///
/// Immutable after init. Transitions are a dense table over byte classes (bytes that occur in
/// no literal share one class), so a scan costs one table load per input byte. A transition's
/// high bit says "the state reached ends at least one literal", keeping the common path to a
/// single branch.
public struct AhoCorasick: Sendable {
    /// Byte -> class; ASCII upper-case maps to its lower-case class.
    let classOf: [UInt8]
    let classCount: Int
    /// `transitions[state * classCount + class]`, high bit set when the target has outputs.
    let transitions: [Int32]
    /// Literal ids ending at each state (suffix matches included): `outputs[outStart[s]..<outStart[s+1]]`.
    let outStart: [Int32]
    let outputs: [Int32]
    public let literalCount: Int

    /// Literals must already be normalized (`Prefilter.normalizeLiteral`); empty ones are ignored.
    public init(_ literals: [[UInt8]]) {
        literalCount = literals.count
        // Byte classes.
        var cls = [UInt8](repeating: 0, count: 256)
        var next: Int = 1
        for lit in literals { for b in lit where cls[Int(b)] == 0 { cls[Int(b)] = UInt8(truncatingIfNeeded: min(next, 255)); next += 1 } }
        precondition(next <= 256, "too many distinct literal bytes")
        for u in UInt8(ascii: "A")...UInt8(ascii: "Z") { cls[Int(u)] = cls[Int(u | 0x20)] }
        classOf = cls
        classCount = next
        // Trie.
        var trie: [[Int32]] = [[Int32](repeating: -1, count: next)]
        var ends: [[Int32]] = [[]]
        for (id, lit) in literals.enumerated() where !lit.isEmpty {
            var s = 0
            for b in lit {
                let c = Int(cls[Int(b)])
                if trie[s][c] < 0 {
                    trie[s][c] = Int32(trie.count)
                    trie.append([Int32](repeating: -1, count: next))
                    ends.append([])
                }
                s = Int(trie[s][c])
            }
            ends[s].append(Int32(id))
        }
        // Breadth-first failure links, turning the trie into a complete DFA.
        var fail = [Int](repeating: 0, count: trie.count)
        var queue: [Int] = []
        for c in 0..<next {
            if trie[0][c] < 0 { trie[0][c] = 0 } else { queue.append(Int(trie[0][c])) }
        }
        var head = 0
        while head < queue.count {
            let s = queue[head]; head += 1
            ends[s] += ends[fail[s]]
            for c in 0..<next {
                let t = Int(trie[s][c])
                if t < 0 {
                    trie[s][c] = trie[fail[s]][c]
                } else {
                    fail[t] = Int(trie[fail[s]][c])
                    queue.append(t)
                }
            }
        }
        // Targets are stored pre-multiplied by the class count, so the scan loop never multiplies.
        var flat = [Int32](repeating: 0, count: trie.count * next)
        var outStart: [Int32] = [0]
        var outputs: [Int32] = []
        for s in 0..<trie.count {
            for c in 0..<next {
                let t = Int(trie[s][c])
                flat[s * next + c] = Int32(t * next) | (ends[t].isEmpty ? 0 : Int32.min)
            }
            outputs += Set(ends[s]).sorted()
            outStart.append(Int32(outputs.count))
        }
        transitions = flat
        self.outStart = outStart
        self.outputs = outputs
    }

    public var stateCount: Int { outStart.count - 1 }

    /// Calls `found` with the id of every literal occurrence in `bytes` (an id may repeat).
    ///
    /// The two non-ASCII characters PCRE2 treats as caseless variants of ASCII letters
    /// (U+017F long s, U+212A Kelvin sign) are read as `s` and `k`, so a caseless rule cannot be
    /// slipped past the prefilter with them.
    public func scan(_ bytes: UnsafeBufferPointer<UInt8>, _ found: (Int32) -> Void) {
        scan(bytes) { id, _ in found(id) }
    }

    /// Calls `found` with the id and end offset (exclusive, in `bytes`) of every literal occurrence.
    public func scan(_ bytes: UnsafeBufferPointer<UInt8>, _ found: (Int32, Int) -> Void) {
        guard var p = bytes.baseAddress, !bytes.isEmpty else { return }
        let end = p + bytes.count
        let cc = Int32(classCount)
        transitions.withUnsafeBufferPointer { tb in
            classOf.withUnsafeBufferPointer { cb in
                let trans = tb.baseAddress!, cls = cb.baseAddress!
                var state: Int32 = 0
                while p < end {
                    var b = p.pointee
                    p += 1
                    if b >= 0xC5, b == 0xC5 || b == 0xE2 {
                        if b == 0xC5, p < end, p.pointee == 0xBF {
                            b = UInt8(ascii: "s"); p += 1
                        } else if b == 0xE2, end - p >= 2, p[0] == 0x84, p[1] == 0xAA {
                            b = UInt8(ascii: "k"); p += 2
                        }
                    }
                    let t = trans[Int(state) &+ Int(cls[Int(b)])]
                    state = t & Int32.max
                    if t < 0 { report(Int(state / cc), end: p - bytes.baseAddress!, found) }
                }
            }
        }
    }

    /// Cold path: a state that ends literals was reached.
    @inline(never)
    func report(_ s: Int, end: Int, _ found: (Int32, Int) -> Void) {
        for k in Int(outStart[s])..<Int(outStart[s + 1]) { found(outputs[k], end) }
    }
}
