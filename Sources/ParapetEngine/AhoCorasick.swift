#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
    let transitions: TransitionTable
    /// Literal ids ending at each state (suffix matches included): `outputs[outStart[s]..<outStart[s+1]]`.
    let outStart: [Int32]
    let outputs: [Int32]
    public let literalCount: Int
    /// The longest literal's length: the deepest state, so reading this many bytes from the
    /// root reaches the state a scan from the text's start would be in.
    let longest: Int
    /// ⌈2^40 / classCount⌉, for `stateIndex`.
    let reciprocal: UInt64

    /// Literals must already be normalized (`Prefilter.normalizeLiteral`); empty ones are ignored.
    public init(_ literals: [[UInt8]]) {
        literalCount = literals.count
        longest = literals.reduce(0) { max($0, $1.count) }
        // Byte classes.
        var cls = [UInt8](repeating: 0, count: 256)
        var next: Int = 1
        for lit in literals { for b in lit where cls[Int(b)] == 0 { cls[Int(b)] = UInt8(truncatingIfNeeded: min(next, 255)); next += 1 } }
        precondition(next <= 256, "too many distinct literal bytes")
        for u in UInt8(ascii: "A")...UInt8(ascii: "Z") { cls[Int(u)] = cls[Int(u | 0x20)] }
        classOf = cls
        classCount = next
        reciprocal = ((1 << 40) + UInt64(next) - 1) / UInt64(next)
        let width = next
        var endState = [Int32](repeating: -1, count: literals.count)
        // The trie, as each state's parent and the class of the edge into it (the root's are
        // unused). Literals are inserted in order of their class sequences, so a literal shares
        // with the trie exactly its common prefix with the literal inserted before it: no child
        // is ever looked up, and no dense table is built for the trie (it would be as large as
        // the DFA, tens of MB of fresh pages at start-up).
        let classSequences = literals.map { lit in lit.map { cls[Int($0)] } }
        let order = classSequences.indices.filter { !classSequences[$0].isEmpty }
            .sorted { classSequences[$0].lexicographicallyPrecedes(classSequences[$1]) }
        var states = 1
        var parent: [Int32] = [0], via: [Int32] = [0]
        // `path[d]`: the state at depth `d` on the previous literal's path.
        var path: [Int32] = [0]
        var previous: [UInt8] = []
        for id in order {
            let seq = classSequences[id]
            var shared = 0
            let limit = min(seq.count, previous.count)
            while shared < limit, seq[shared] == previous[shared] { shared += 1 }
            path.removeSubrange((shared + 1)...)
            for c in seq[shared...] {
                parent.append(path[path.count - 1])
                via.append(Int32(c))
                path.append(Int32(states))
                states += 1
            }
            endState[id] = path[seq.count]
            previous = seq
        }
        // Literal ids ending exactly at each state, in id order (a counting sort).
        var ownStart = [Int32](repeating: 0, count: states + 1)
        for s in endState where s >= 0 { ownStart[Int(s) + 1] += 1 }
        for s in 0..<states { ownStart[s + 1] += ownStart[s] }
        var own = [Int32](repeating: 0, count: Int(ownStart[states]))
        var fillAt = ownStart
        for (id, s) in endState.enumerated() where s >= 0 {
            own[Int(fillAt[Int(s)])] = Int32(id)
            fillAt[Int(s)] += 1
        }
        // Each state's children, grouped by parent.
        var childStart = [Int32](repeating: 0, count: states + 1)
        for s in 1..<states { childStart[Int(parent[s]) + 1] += 1 }
        for s in 0..<states { childStart[s + 1] += childStart[s] }
        var children = [Int32](repeating: 0, count: states - 1)
        var childAt = childStart
        for s in 1..<states {
            children[Int(childAt[Int(parent[s])])] = Int32(s)
            childAt[Int(parent[s])] += 1
        }
        // Breadth-first failure links, building the DFA in a fresh table whose states are
        // numbered in breadth-first order: the shallow states prose keeps returning to (the root,
        // one- and two-byte prefixes) then sit in a few contiguous pages instead of being spread
        // over the whole table in insertion order. Each dequeued state's row starts as a copy of
        // its failure state's row (shallower, so already final), then its own children are
        // written over it. Final entries are targets pre-multiplied by the class count (so the
        // scan loop never multiplies), with the high bit set when the target ends a literal; a
        // child's failure state is read off the copied row.
        var oldID = [Int32](repeating: 0, count: states)   // by new id
        var fail = [Int32](repeating: 0, count: states)    // by new id, a new id
        var outCount = [Int32](repeating: 0, count: states) // by new id
        let w32 = Int32(width)
        func encode(_ target: Int) -> Int32 { Int32(target) * w32 | (outCount[target] == 0 ? 0 : Int32.min) }
        let dfa = TransitionTable(count: states * width)
        var numbered = 1
        do {
            let base = dfa.base
            for k in Int(childStart[0])..<Int(childStart[1]) {
                let child = Int(children[k])
                oldID[numbered] = Int32(child)
                outCount[numbered] = ownStart[child + 1] - ownStart[child]
                base[Int(via[child])] = encode(numbered)
                numbered += 1
            }
            var head = 1
            while head < numbered {
                let ns = head, s = Int(oldID[head]); head += 1
                let row = base + ns * width
                row.update(from: base + Int(fail[ns]) * width, count: width)
                for k in Int(childStart[s])..<Int(childStart[s + 1]) {
                    let child = Int(children[k]), c = Int(via[child])
                    let f = Int((row[c] & Int32.max) / w32)
                    let nc = numbered
                    numbered += 1
                    oldID[nc] = Int32(child)
                    fail[nc] = Int32(f)
                    outCount[nc] = ownStart[child + 1] - ownStart[child] + outCount[f]
                    row[c] = encode(nc)
                }
            }
        }
        // Outputs: each state's ids sorted, its own merged with its failure state's (disjoint);
        // a failure state is shallower, so numbered (and filled) first.
        var outStart = [Int32](repeating: 0, count: states + 1)
        for s in 0..<states { outStart[s + 1] = outStart[s] + outCount[s] }
        var outputs = [Int32](repeating: 0, count: Int(outStart[states]))
        outputs.withUnsafeMutableBufferPointer { out in
            for s in 1..<max(states, 1) {
                let old = Int(oldID[s]), f = Int(fail[s])
                var i = Int(ownStart[old]), j = Int(outStart[f]), k = Int(outStart[s])
                let iEnd = Int(ownStart[old + 1]), jEnd = Int(outStart[f + 1])
                while i < iEnd || j < jEnd {
                    if j == jEnd || (i < iEnd && own[i] < out[j]) {
                        out[k] = own[i]; i += 1
                    } else {
                        out[k] = out[j]; j += 1
                    }
                    k += 1
                }
            }
        }
        transitions = dfa
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
        scanStates(bytes) { s, end in report(s, end: end, found) }
    }

    /// Calls `found` with the state reached and the end offset each time the scan reaches a
    /// state that ends literals (its ids: `outputs[outStart[state]..<outStart[state + 1]]`).
    /// The caller can then handle a state once however often it recurs.
    func scanStates(_ bytes: UnsafeBufferPointer<UInt8>, _ found: (Int, Int) -> Void) {
        scanStates(bytes, ascii: false, found)
    }

    /// `scanStates` for bytes known to be ASCII (no ſ or K to read as letters).
    func scanStatesASCII(_ bytes: UnsafeBufferPointer<UInt8>, _ found: (Int, Int) -> Void) {
        scanStates(bytes, ascii: true, found)
    }

    private func scanStates(_ bytes: UnsafeBufferPointer<UInt8>, ascii: Bool, _ found: (Int, Int) -> Void) {
        let none = [UInt8](repeating: 0, count: stateCount)
        none.withUnsafeBufferPointer { done in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: Self.hitCapacity) { buffer in
                let hits = buffer.baseAddress!
                forEachHitChunk(bytes, ascii: ascii, done: done.baseAddress!, mask: 1, hits: hits) { n in
                    var k = 0
                    while k < n { found(hits[k], hits[k + 1]); k += 2 }
                }
            }
        }
    }

    /// Bytes per chunk of the byte loop (a literal pass reads its hits after each chunk).
    static var chunk: Int { 256 }
    /// Entries a hit buffer needs: two per byte of a chunk.
    static var hitCapacity: Int { 2 * chunk }

    /// Runs the automaton over `bytes` a chunk at a time. After each chunk with hits, `body(n)`
    /// reads them from `hits[0..<n]`: pairs of (state, end offset), one per byte at which the
    /// scan reached a state that ends literals, except states the caller is done with: a hit of
    /// state `s` is left out when `done[s] & mask == mask` as the chunk is read (prose reaches
    /// ` the ` or `you` hundreds of times; `Loop.keep` drops each repeat before `body` sees it).
    /// `hits` must hold `hitCapacity` entries. With `ascii`, the bytes must be
    /// ASCII (ſ and K are not looked for). Other texts without ſ or K take the same byte-wise
    /// loops (`holdsFoldedCharacters`), since every byte of them is one step.
    ///
    /// Hits come in text order, except that a long enough text (`asciiLaneMinimum`,
    /// `laneMinimum`) is read as four lanes at once (`fourLanes`, `fourLanesAnyBytes`): a chunk's
    /// hits are then those of a stretch of each lane in turn.
    ///
    /// The byte loops are separate functions of plain pointers, so the loop keeps its values in
    /// registers whatever `body` does; a byte costs a class load, a transition load and two
    /// stores, with no branch (`Loop.step`).
    func forEachHitChunk(_ bytes: UnsafeBufferPointer<UInt8>, ascii: Bool, done: UnsafePointer<UInt8>, mask: UInt8,
                         hits: UnsafeMutablePointer<Int>, _ body: (Int) -> Void) {
        guard let text = bytes.baseAddress, !bytes.isEmpty else { return }
        let n = bytes.count
        let loop = Loop(reciprocal: reciprocal, done: done, mask: mask)
        let ascii = ascii || !Self.holdsFoldedCharacters(text, n)
        do {
            classOf.withUnsafeBufferPointer { cb in
                let trans = UnsafePointer(transitions.base), cls = cb.baseAddress!
                var state = 0, i = 0
                if ascii {
                    // Packed entries hold an end offset in 32 bits.
                    if n >= longest &+ Self.asciiLaneMinimum, n < 1 << 32 { (state, i) = fourLanes(loop, trans, cls, text, n, hits: hits, body) }
                } else if n >= Self.laneMinimum {
                    (state, i) = fourLanesAnyBytes(loop, trans, cls, text, n, hits: hits, body)
                }
                while i < n {
                    let stop = min(n, i &+ Self.chunk)
                    var h = 0
                    if ascii {
                        (state, h) = loop.runASCII(trans, cls, text, from: i, to: stop, state: state, hits: hits)
                        i = stop
                    } else {
                        (i, state, h) = loop.run(trans, cls, text, from: i, to: stop, end: n, state: state, hits: hits)
                    }
                    if h > 0, case let k = loop.keep(hits, h), k > 0 { body(k) }
                }
            }
        }
    }

    /// Whether `text[0..<n]` holds ſ (C5 BF) or K (E2 84 AA), the characters the automaton
    /// reads as `s` and `k`. A text without them (most non-ASCII text: accents, curly quotes,
    /// other scripts) is read a byte per step, so the ASCII loops, four lanes included, read it
    /// exactly as `Loop.run` does: `unit` returns each of its bytes unchanged, and a quarter's
    /// warm-up of `longest` bytes is `longest` steps wherever the seam falls. Eight bytes are
    /// tested at a time for a C5 or E2 byte; only a block holding one is looked at closely.
    static func holdsFoldedCharacters(_ text: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, high: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func hasByte(_ x: UInt64, _ b: UInt64) -> Bool {
            let y = x ^ (ones &* b)
            return (y &- ones) & ~y & high != 0
        }
        @inline(__always) func foldAt(_ k: Int) -> Bool {
            let b = text[k]
            if b == 0xC5 { return k &+ 1 < n && text[k &+ 1] == 0xBF }
            if b == 0xE2 { return k &+ 2 < n && text[k &+ 1] == 0x84 && text[k &+ 2] == 0xAA }
            return false
        }
        let raw = UnsafeRawPointer(text)
        var i = 0
        while i &+ 8 <= n {
            let x = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            if hasByte(x, 0xC5) || hasByte(x, 0xE2) {
                for k in i..<(i &+ 8) where foldAt(k) { return true }
            }
            i &+= 8
        }
        while i < n {
            if foldAt(i) { return true }
            i &+= 1
        }
        return false
    }

    /// Texts from this length with ſ or K are read as four lanes at once.
    static var laneMinimum: Int { 128 }
    /// Other texts are read as four lanes from `longest` plus this length: each lane then reads
    /// at least 16 bytes past its warm-up.
    static var asciiLaneMinimum: Int { 64 }

    /// Reads ASCII `text[0..<n]` as four lanes side by side, so that each byte's transition load
    /// overlaps the other lanes' instead of waiting for the previous byte's: a scan is a chain of
    /// dependent loads (each often a cache miss in a table of megabytes), and four chains take
    /// about the time of one. With `w = longest` and `g = (n - w) / 4`, lane k starts from the
    /// root at `k * g` and reads `g + w` bytes. Its first `w` bytes only warm it up: a state is
    /// at most `w` deep, so from then on it is where a scan from the start would be. Lanes 1...3
    /// record nothing while warming up (lane k - 1 reads those bytes warm), so each occurrence is
    /// reported once, by the lane that owns its end. The warm-up runs in step with lane 0's first
    /// bytes rather than before, which is what makes lanes pay off on short texts too. Each lane's
    /// hits of a round go to its own quarter of `hits`, then move up behind the previous lane's.
    /// Returns the state lane 3 reached and where it stopped (`4 * g + w`).
    private func fourLanes(_ loop: Loop, _ trans: UnsafePointer<Int32>, _ cls: UnsafePointer<UInt8>, _ text: UnsafePointer<UInt8>,
                           _ n: Int, hits: UnsafeMutablePointer<Int>, _ body: (Int) -> Void) -> (Int, Int) {
        let w = longest, g = (n &- w) / 4, stride = Self.chunk / 4
        // Lane k writes its packed entries (one word a step, at most `stride`) at
        // `packed + k * stride`, the buffer's upper half; `unpackLanes` writes the pairs from the
        // start without overtaking an entry it has not read.
        let packed = hits + Self.hitCapacity / 2
        var states = (0, 0, 0, 0)
        var a = 0
        while a < w &+ g {
            let len = min(stride, (a < w ? w : w &+ g) &- a)
            var counts = loop.runASCIIQuad(trans, cls, text, a: a, gap: g, count: len, states: &states, hits: packed, region: stride)
            // Warming up: lanes 1...3 keep nothing.
            if a < w { counts = (counts.0, 0, 0, 0) }
            if case let k = loop.unpackLanes(packed, region: stride, counts, gap: g, into: hits), k > 0 { body(k) }
            a &+= len
        }
        return (states.3, 4 &* g &+ w)
    }

    /// `fourLanes` for any bytes, read as `Loop.run` reads them (ſ and K as `s` and `k`). A
    /// quarter starts at the first byte from its nominal start that is not a UTF-8 continuation
    /// byte: ſ and K are each a lead byte and continuation bytes, so no folded character straddles
    /// it, and a lane reads exactly the characters a scan from the start reads there. Its warm-up
    /// reads the `longest` bytes before it when they are ASCII; otherwise it starts `3 * longest
    /// + 2` bytes earlier, wherever that falls: a start inside a folded character is realigned
    /// within two bytes, and the rest holds at least `longest` characters.
    /// Quarters may differ in length (a run of continuation bytes pushes a seam on). Returns the
    /// last quarter's state at the text's end, and `n`.
    private func fourLanesAnyBytes(_ loop: Loop, _ trans: UnsafePointer<Int32>, _ cls: UnsafePointer<UInt8>, _ text: UnsafePointer<UInt8>,
                                   _ n: Int, hits: UnsafeMutablePointer<Int>, _ body: (Int) -> Void) -> (Int, Int) {
        let stride = Self.chunk / 4, region = Self.hitCapacity / 4
        func seam(_ k: Int) -> Int {
            var i = k &* (n / 4)
            while i < n, text[i] & 0xC0 == 0x80 { i &+= 1 }
            return i
        }
        func warm(_ start: Int) -> Int {
            // Usually the bytes before a seam are ASCII, one character each: `longest` of them do.
            var from = max(0, start &- longest)
            var k = from
            while k < start, text[k] < 0x80 { k &+= 1 }
            if k < start { from = max(0, start &- 3 &* longest &- 2) }
            return withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 &* (start &- from) &+ 2) { scratch in
                // The warm-up's hits are not wanted: they are left in the scratch buffer.
                loop.run(trans, cls, text, from: from, to: start, end: n, state: 0, hits: scratch.baseAddress!).1
            }
        }
        let s1 = seam(1), s2 = max(s1, seam(2)), s3 = max(s2, seam(3))
        var pos = (0, s1, s2, s3)
        let ends = (s1, s2, s3, n)
        var states = (0, warm(s1), warm(s2), warm(s3))
        while pos.0 < ends.0 || pos.1 < ends.1 || pos.2 < ends.2 || pos.3 < ends.3 {
            let stops = (min(ends.0, pos.0 &+ stride), min(ends.1, pos.1 &+ stride), min(ends.2, pos.2 &+ stride), min(ends.3, pos.3 &+ stride))
            let counts = loop.runQuad(trans, cls, text, end: n, positions: &pos, stops: stops, states: &states, hits: hits, region: region)
            let total = Self.gather(hits, region: region, counts)
            if total > 0, case let k = loop.keep(hits, total), k > 0 { body(k) }
        }
        return (states.3, n)
    }

    /// Moves the hit entries lanes 1...3 wrote (`counts`, each at `hits + k * region`) up behind
    /// lane 0's, and returns the total.
    private static func gather(_ hits: UnsafeMutablePointer<Int>, region: Int, _ counts: (Int, Int, Int, Int)) -> Int {
        var total = counts.0
        // A region may overlap its destination; `update(from:count:)` copies as memmove does.
        func append(_ k: Int, _ c: Int) {
            if c > 0, total != k &* region { (hits + total).update(from: hits + k &* region, count: c) }
            total &+= c
        }
        append(1, counts.1); append(2, counts.2); append(3, counts.3)
        return total
    }

    /// What the byte loops need besides the tables: the state of a target and the caller's
    /// done marks (for `keep`).
    struct Loop {
        let reciprocal: UInt64
        let done: UnsafePointer<UInt8>
        let mask: UInt8

        /// One step from (pre-multiplied) `state` on class `c`. The target and `end` are written
        /// at `out` whatever the target, and `out` moves past them only when the target has the
        /// output bit: no branch. Prose reaches an output state every eight bytes or so, at no
        /// pattern a predictor learns, and a mispredicted branch there cost more than the two
        /// stores. `keep` then turns the recorded targets into states and drops the done ones.
        @inline(__always)
        func step(_ trans: UnsafePointer<Int32>, _ state: inout Int, _ c: UInt8, end: Int, _ out: inout UnsafeMutablePointer<Int>) {
            let t = Int(trans[state &+ Int(c)])
            let target = t & Int(Int32.max)
            out[0] = target
            out[1] = end
            // The sign of `t` (all ones when the output bit is set) picks 2 or 0.
            out += (t &>> 63) & 2
            state = target
        }

        /// Rewrites the `n` entries at `hits` (pairs of a pre-multiplied target and an end, as
        /// `step` records them) as pairs of (state, end), leaving out states done under `mask`;
        /// returns the entries left. Branch-free as `step` is: each pair is written, and kept by
        /// moving on.
        @inline(never)
        func keep(_ hits: UnsafeMutablePointer<Int>, _ n: Int) -> Int {
            var k = 0, w = 0
            while k < n {
                let s = AhoCorasick.stateIndex(hits[k], reciprocal)
                let end = hits[k &+ 1]
                hits[w] = s
                hits[w &+ 1] = end
                w &+= done[s] & mask == mask ? 0 : 2
                k &+= 2
            }
            return w
        }

        /// The byte loop over ASCII `text[from..<stop]`, eight bytes per round; returns the
        /// state reached and the number of hit entries written.
        @inline(never)
        func runASCII(_ trans: UnsafePointer<Int32>, _ cls: UnsafePointer<UInt8>, _ text: UnsafePointer<UInt8>,
                      from: Int, to stop: Int, state: Int, hits: UnsafeMutablePointer<Int>) -> (Int, Int) {
            var s = state, out = hits
            var p = text + from
            let end = text + stop
            while end - p >= 8 {
                step(trans, &s, cls[Int(p[0])], end: p + 1 - text, &out)
                step(trans, &s, cls[Int(p[1])], end: p + 2 - text, &out)
                step(trans, &s, cls[Int(p[2])], end: p + 3 - text, &out)
                step(trans, &s, cls[Int(p[3])], end: p + 4 - text, &out)
                step(trans, &s, cls[Int(p[4])], end: p + 5 - text, &out)
                step(trans, &s, cls[Int(p[5])], end: p + 6 - text, &out)
                step(trans, &s, cls[Int(p[6])], end: p + 7 - text, &out)
                step(trans, &s, cls[Int(p[7])], end: p + 8 - text, &out)
                p += 8
            }
            while p < end {
                p += 1
                step(trans, &s, cls[Int(p[-1])], end: p - text, &out)
            }
            return (s, out - hits)
        }

        /// `step` writing one word: the pre-multiplied target in the low 32 bits, `endBits` (an
        /// end offset shifted up 32) above. A lane step of the four-lane loop is then one store
        /// and no end of its own (the lanes share lane 0's; `unpackLanes` adds the lane's start).
        @inline(__always)
        func stepPacked(_ trans: UnsafePointer<Int32>, _ state: inout Int, _ c: UInt8, endBits: Int, _ out: inout UnsafeMutablePointer<Int>) {
            let t = Int(trans[state &+ Int(c)])
            let target = t & Int(Int32.max)
            out[0] = target | endBits
            out += (t &>> 63) & 1
            state = target
        }

        /// Four byte loops in step, over ASCII `text[a + k * gap ..< a + k * gap + count]` from
        /// `states.k`, k = 0...3; loop k's hits go to `hits + k * region` (at most `count`
        /// packed words, as `stepPacked` writes them, with lane 0's end offset). Returns the
        /// words each wrote.
        @inline(never)
        func runASCIIQuad(_ trans: UnsafePointer<Int32>, _ cls: UnsafePointer<UInt8>, _ text: UnsafePointer<UInt8>,
                          a: Int, gap: Int, count: Int, states: inout (Int, Int, Int, Int),
                          hits: UnsafeMutablePointer<Int>, region: Int) -> (Int, Int, Int, Int) {
            var s0 = states.0, s1 = states.1, s2 = states.2, s3 = states.3
            var o0 = hits, o1 = hits + region, o2 = hits + 2 * region, o3 = hits + 3 * region
            let g2 = 2 &* gap, g3 = 3 &* gap
            var p = text + a
            let stop = text + a + count
            var endBits = (a &+ 1) &<< 32
            while p < stop {
                stepPacked(trans, &s0, cls[Int(p[0])], endBits: endBits, &o0)
                stepPacked(trans, &s1, cls[Int(p[gap])], endBits: endBits, &o1)
                stepPacked(trans, &s2, cls[Int(p[g2])], endBits: endBits, &o2)
                stepPacked(trans, &s3, cls[Int(p[g3])], endBits: endBits, &o3)
                p += 1
                endBits &+= 1 &<< 32
            }
            states = (s0, s1, s2, s3)
            return (o0 - hits, o1 - (hits + region), o2 - (hits + 2 * region), o3 - (hits + 3 * region))
        }

        /// Turns the packed words of the four lanes (lane k's `counts.k` at `packed + k * region`,
        /// as `runASCIIQuad` writes them) into (state, end) pairs at `hits`, lane after lane,
        /// leaving out states done under `mask` as `keep` does; returns the entries written.
        /// The pairs may be written over the packed words: with `packed` at the upper half of a
        /// `hitCapacity` buffer and at most `chunk / 4` words a lane, the pair of the j-th word
        /// read ends at `hits + 2j + 1`, below every word still to be read.
        @inline(never)
        func unpackLanes(_ packed: UnsafeMutablePointer<Int>, region: Int, _ counts: (Int, Int, Int, Int), gap: Int,
                         into hits: UnsafeMutablePointer<Int>) -> Int {
            var w = 0
            @inline(__always)
            func lane(_ k: Int, _ c: Int) {
                let from = packed + k &* region, shift = k &* gap
                var i = 0
                while i < c {
                    let x = from[i]
                    let s = AhoCorasick.stateIndex(x & 0xFFFF_FFFF, reciprocal)
                    hits[w] = s
                    hits[w &+ 1] = (x &>> 32) &+ shift
                    w &+= done[s] & mask == mask ? 0 : 2
                    i &+= 1
                }
            }
            lane(0, counts.0); lane(1, counts.1); lane(2, counts.2); lane(3, counts.3)
            return w
        }

        /// One character of `text` at `i` as the automaton reads it (U+017F and U+212A, looked
        /// up to `n`, as `s` and `k`); advances `i` past it.
        @inline(__always)
        func unit(_ text: UnsafePointer<UInt8>, _ i: inout Int, _ n: Int) -> UInt8 {
            var b = text[i]
            i &+= 1
            if b >= 0xC5, b == 0xC5 || b == 0xE2 {
                if b == 0xC5, i < n, text[i] == 0xBF {
                    b = UInt8(ascii: "s"); i &+= 1
                } else if b == 0xE2, n &- i >= 2, text[i] == 0x84, text[i &+ 1] == 0xAA {
                    b = UInt8(ascii: "k"); i &+= 2
                }
            }
            return b
        }

        /// Four `run` loops in step, lane k from `positions.k` until at least `stops.k` (at
        /// most `stops.k - positions.k` characters, so at most twice that many entries at
        /// `hits + k * region`); the lanes still short of their stops when one is done finish
        /// one by one. Returns the entries each wrote.
        @inline(never)
        func runQuad(_ trans: UnsafePointer<Int32>, _ cls: UnsafePointer<UInt8>, _ text: UnsafePointer<UInt8>, end n: Int,
                     positions: inout (Int, Int, Int, Int), stops: (Int, Int, Int, Int), states: inout (Int, Int, Int, Int),
                     hits: UnsafeMutablePointer<Int>, region: Int) -> (Int, Int, Int, Int) {
            var i0 = positions.0, i1 = positions.1, i2 = positions.2, i3 = positions.3
            var s0 = states.0, s1 = states.1, s2 = states.2, s3 = states.3
            var o0 = hits, o1 = hits + region, o2 = hits + 2 &* region, o3 = hits + 3 &* region
            while i0 < stops.0, i1 < stops.1, i2 < stops.2, i3 < stops.3 {
                let b0 = unit(text, &i0, n), b1 = unit(text, &i1, n), b2 = unit(text, &i2, n), b3 = unit(text, &i3, n)
                step(trans, &s0, cls[Int(b0)], end: i0, &o0)
                step(trans, &s1, cls[Int(b1)], end: i1, &o1)
                step(trans, &s2, cls[Int(b2)], end: i2, &o2)
                step(trans, &s3, cls[Int(b3)], end: i3, &o3)
            }
            while i0 < stops.0 { let b = unit(text, &i0, n); step(trans, &s0, cls[Int(b)], end: i0, &o0) }
            while i1 < stops.1 { let b = unit(text, &i1, n); step(trans, &s1, cls[Int(b)], end: i1, &o1) }
            while i2 < stops.2 { let b = unit(text, &i2, n); step(trans, &s2, cls[Int(b)], end: i2, &o2) }
            while i3 < stops.3 { let b = unit(text, &i3, n); step(trans, &s3, cls[Int(b)], end: i3, &o3) }
            positions = (i0, i1, i2, i3)
            states = (s0, s1, s2, s3)
            return (o0 - hits, o1 - (hits + region), o2 - (hits + 2 &* region), o3 - (hits + 3 &* region))
        }

        /// The byte loop over any bytes from `from` until at least `stop`, reading U+017F and
        /// U+212A (looked up to `end`) as `s` and `k`; returns where it stopped (at most two
        /// bytes past `stop`), the state reached and the number of hit entries written.
        @inline(never)
        func run(_ trans: UnsafePointer<Int32>, _ cls: UnsafePointer<UInt8>, _ text: UnsafePointer<UInt8>,
                 from: Int, to stop: Int, end n: Int, state: Int, hits: UnsafeMutablePointer<Int>) -> (Int, Int, Int) {
            var s = state, out = hits, i = from
            while i < stop {
                let b = unit(text, &i, n)
                step(trans, &s, cls[Int(b)], end: i, &out)
            }
            return (i, s, out - hits)
        }
    }

    /// The state index of a transition target (stored times `classCount`): an exact division,
    /// done as a multiply by `reciprocal` and a shift. Exact for targets below 2^32 and a class
    /// count below 2^8: with `reciprocal * classCount = 2^40 + r`, r < 2^8, the error term
    /// `s * r` stays below 2^40.
    @inline(__always)
    func stateIndex(_ target: Int) -> Int { Self.stateIndex(target, reciprocal) }

    @inline(__always)
    static func stateIndex(_ target: Int, _ reciprocal: UInt64) -> Int {
        Int(truncatingIfNeeded: (UInt64(truncatingIfNeeded: target) &* reciprocal) >> 40)
    }

    /// Cold path: a state that ends literals was reached.
    @inline(never)
    func report(_ s: Int, end: Int, _ found: (Int32, Int) -> Void) {
        for k in Int(outStart[s])..<Int(outStart[s + 1]) { found(outputs[k], end) }
    }
}

/// The automaton's transitions in memory of their own, 2 MiB aligned and advised for huge pages
/// when that large: a scan jumps between states all over megabytes, and with 4 KiB pages most
/// jumps to a deep state also miss the TLB. Starts zeroed; written once in `AhoCorasick.init`,
/// then only read.
final class TransitionTable: @unchecked Sendable {
    let base: UnsafeMutablePointer<Int32>
    let count: Int
    /// The anonymous mapping that is the table (nil: `base` is a heap allocation).
    let mapping: (start: UnsafeMutableRawPointer, size: Int)?

    init(count: Int) {
        self.count = count
        let n = Swift.max(count, 1)
        let bytes = n * MemoryLayout<Int32>.stride
        var mapped: (start: UnsafeMutableRawPointer, size: Int)? = nil
        #if os(Linux)
        let huge = 2 << 20
        if bytes >= huge {
            // One huge page more than needed, so a 2 MiB boundary falls inside; the kernel hands
            // out anonymous pages zeroed, so no pass clears them.
            let length = (bytes + huge - 1) / huge * huge
            let size = length + huge
            if let start = mmap(nil, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), start != MAP_FAILED {
                let head = (Int(bitPattern: start) + huge - 1) / huge * huge - Int(bitPattern: start)
                let table = start + head
                // The spare bytes before and after the aligned table go back to the kernel.
                if head > 0 { _ = munmap(start, head) }
                if huge - head > 0 { _ = munmap(table + length, huge - head) }
                // Only advice: without transparent huge pages the table works on small pages.
                _ = madvise(table, length, MADV_HUGEPAGE)
                mapped = (table, length)
            }
        }
        #endif
        mapping = mapped
        if let mapped {
            base = mapped.start.bindMemory(to: Int32.self, capacity: n)
        } else {
            base = .allocate(capacity: n)
            base.initialize(repeating: 0, count: n)
        }
    }

    /// Whether the table lies in its own 2 MiB-aligned mapping.
    var aligned: Bool { mapping != nil }

    deinit {
        if let mapping {
            #if os(Linux)
            _ = munmap(mapping.start, mapping.size)
            #endif
        } else {
            base.deallocate()
        }
    }
}
