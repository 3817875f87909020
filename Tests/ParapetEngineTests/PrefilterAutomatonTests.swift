import Testing
@testable import ParapetEngine

/// The automaton against a naive search on random literals and texts.
struct PrefilterAutomatonTests {
    struct RNG: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return (state >> 33) ^ state
        }
    }

    static func contains(_ hay: [UInt8], _ needle: [UInt8]) -> Bool {
        guard needle.count <= hay.count else { return false }
        let folded = hay.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        for i in 0...(hay.count - needle.count) where Array(folded[i..<i + needle.count]) == needle { return true }
        return false
    }

    @Test func agreesWithNaiveSearch() {
        var rng = RNG(state: 42)
        let alphabet = Array("abcAB \u{e9}".utf8)
        for _ in 0..<300 {
            let literals = (0..<Int.random(in: 1...8, using: &rng)).map { _ in
                Prefilter.normalizeLiteral((0..<Int.random(in: 1...4, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! })
            }
            let text = (0..<Int.random(in: 0...40, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }
            let ac = AhoCorasick(literals)
            var found = Set<Int>()
            text.withUnsafeBufferPointer { ac.scan($0) { found.insert(Int($0)) } }
            let expected = Set(literals.indices.filter { Self.contains(text, literals[$0]) })
            #expect(found == expected, "literals \(literals) text \(text)")
        }
    }

    @Test func overlappingAndSuffixLiteralsAllReport() {
        let ac = AhoCorasick(["he", "she", "his", "hers"].map { Array($0.utf8) })
        var found = Set<Int32>()
        Array("uSHErs".utf8).withUnsafeBufferPointer { ac.scan($0) { found.insert($0) } }
        #expect(found == [0, 1, 3])
    }

    /// The trie is built from the literals in sorted order: literals that share a prefix share
    /// its states wherever they stand in the list (one state per distinct prefix, plus the
    /// root), repeats and case variants end on one state, empty literals are ignored, and every
    /// id still reports at its own occurrences.
    @Test func trieSharesEveryPrefixWhateverTheLiteralOrder() {
        let literals = ["ab", "c", "", "abd", "ab", "xyz", "aBd", "xy", "c"].map { Array($0.utf8) }
        let ac = AhoCorasick(literals)
        var prefixes = Set<[UInt8]>()
        for lit in literals {
            let folded = lit.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
            for n in folded.indices { prefixes.insert(Array(folded[...n])) }
        }
        #expect(ac.stateCount == prefixes.count + 1)
        let text = Array("--abd c xyz ABD".utf8)
        #expect(Self.occurrences(ac, text) == Self.naiveOccurrences(literals.map(Prefilter.normalizeLiteral), text))
        var rng = RNG(state: 7)
        let alphabet = Array("abc".utf8)
        for _ in 0..<200 {
            let lits = (0..<Int.random(in: 1...12, using: &rng)).map { _ in
                (0..<Int.random(in: 0...5, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }
            }
            let distinct = Set(lits.flatMap { lit in lit.indices.map { Array(lit[...$0]) } })
            #expect(AhoCorasick(lits).stateCount == distinct.count + 1, "\(lits)")
        }
    }

    /// Every (literal id, end offset) occurrence, by a naive search over the text as the
    /// automaton reads it: ASCII case folded, ſ and K read as `s` and `k` (ends in original bytes).
    static func naiveOccurrences(_ literals: [[UInt8]], _ text: [UInt8]) -> [[Int]] {
        var folded: [UInt8] = [], endAt: [Int] = []
        var i = 0
        while i < text.count {
            let b = text[i]
            if b == 0xC5, i + 1 < text.count, text[i + 1] == 0xBF {
                folded.append(UInt8(ascii: "s")); i += 2
            } else if b == 0xE2, i + 2 < text.count, text[i + 1] == 0x84, text[i + 2] == 0xAA {
                folded.append(UInt8(ascii: "k")); i += 3
            } else {
                folded.append(b >= 0x41 && b <= 0x5A ? b | 0x20 : b); i += 1
            }
            endAt.append(i)
        }
        var out: [[Int]] = []
        for j in 0..<folded.count {
            for (id, lit) in literals.enumerated() where !lit.isEmpty && lit.count <= j + 1 {
                if Array(folded[(j + 1 - lit.count)...j]) == lit { out.append([id, endAt[j]]) }
            }
        }
        return out.sorted { $0.lexicographicallyPrecedes($1) }
    }

    static func occurrences(_ ac: AhoCorasick, _ text: [UInt8]) -> [[Int]] {
        var found: [[Int]] = []
        text.withUnsafeBufferPointer { ac.scan($0) { found.append([Int($0), $1]) } }
        return found.sorted { $0.lexicographicallyPrecedes($1) }
    }

    /// Texts at the loop's edges: empty, one byte, lengths around the 8-byte rounds and the
    /// 256-byte chunks, NUL, 0x7F, 0xFF, and ſ / K split across a chunk boundary.
    static func edgeTexts(_ rng: inout RNG, alphabet: [UInt8]) -> [[UInt8]] {
        var texts: [[UInt8]] = [[], [0x00], [0x7F], [0xFF], Array("a".utf8), Array("S".utf8)]
        for n in [7, 8, 9, 15, 16, 17, 31, 32, 33, 255, 256, 257, 511, 512, 513, 700] {
            texts.append((0..<n).map { _ in alphabet.randomElement(using: &rng)! })
        }
        for at in [254, 255, 256, 511, 512] {
            var t = (0..<600).map { _ in alphabet.randomElement(using: &rng)! }
            t.replaceSubrange(at..<at + 3, with: [0xE2, 0x84, 0xAA])
            texts.append(t)
            var u = (0..<600).map { _ in alphabet.randomElement(using: &rng)! }
            u.replaceSubrange(at..<at + 2, with: [0xC5, 0xBF])
            texts.append(u)
        }
        return texts
    }

    /// The chunked byte loops (general and ASCII) report exactly the occurrences a naive search
    /// finds, on random literal sets and on random and edge texts.
    @Test func chunkedLoopsReportEveryOccurrence() {
        var rng = RNG(state: 99)
        let alphabet = Array("abcsk ABSK.-\u{0}\u{7f}".utf8) + [0xFF, 0xC5, 0xBF, 0xE2, 0x84, 0xAA, 0xC3, 0xA9]
        for round in 0..<120 {
            let literals = (0..<Int.random(in: 1...12, using: &rng)).map { _ in
                Prefilter.normalizeLiteral((0..<Int.random(in: 1...5, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! })
            }
            let ac = AhoCorasick(literals)
            var texts = round < 20 ? Self.edgeTexts(&rng, alphabet: alphabet) : []
            for _ in 0..<5 { texts.append((0..<Int.random(in: 0...700, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }) }
            for text in texts {
                #expect(Self.occurrences(ac, text) == Self.naiveOccurrences(literals, text), "literals \(literals) text \(text)")
                let ascii = text.map { $0 & 0x7F }
                var viaASCII: [[Int]] = []
                ascii.withUnsafeBufferPointer { buf in
                    ac.scanStatesASCII(buf) { s, end in
                        for k in Int(ac.outStart[s])..<Int(ac.outStart[s + 1]) { viaASCII.append([Int(ac.outputs[k]), end]) }
                    }
                }
                #expect(viaASCII.sorted { $0.lexicographicallyPrecedes($1) } == Self.naiveOccurrences(literals, ascii), "literals \(literals) text \(ascii)")
            }
        }
    }

    /// A hit of a state the caller marked done (for the mask asked) is left out, and only then.
    @Test func doneStatesAreLeftOut() {
        var rng = RNG(state: 5)
        let alphabet = Array("abc de".utf8)
        for _ in 0..<100 {
            let literals = (0..<Int.random(in: 1...10, using: &rng)).map { _ in (0..<Int.random(in: 1...3, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! } }
            let ac = AhoCorasick(literals)
            let text = (0..<Int.random(in: 0...600, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }
            var all: [[Int]] = []
            text.withUnsafeBufferPointer { ac.scanStates($0) { all.append([$0, $1]) } }
            let mask: UInt8 = [1, 3, 6].randomElement(using: &rng)!
            let done = (0..<ac.stateCount).map { _ in UInt8.random(in: 0...15, using: &rng) }
            var kept: [[Int]] = []
            text.withUnsafeBufferPointer { buf in
                done.withUnsafeBufferPointer { d in
                    withUnsafeTemporaryAllocation(of: Int.self, capacity: AhoCorasick.hitCapacity) { hits in
                        ac.forEachHitChunk(buf, ascii: false, done: d.baseAddress!, mask: mask, hits: hits.baseAddress!) { n in
                            for k in stride(from: 0, to: n, by: 2) { kept.append([hits[k], hits[k + 1]]) }
                        }
                    }
                }
            }
            #expect(kept == all.filter { done[$0[0]] & mask != mask })
        }
    }
}

/// The ASCII loop reads a long text as four quarters side by side; each quarter after the first
/// starts cold a few bytes early. These texts put occurrences of long literals across the seams.
struct FourLanesTests {
    typealias RNG = PrefilterAutomatonTests.RNG

    static func asciiOccurrences(_ ac: AhoCorasick, _ text: [UInt8]) -> [[Int]] {
        var found: [[Int]] = []
        text.withUnsafeBufferPointer { buf in
            ac.scanStatesASCII(buf) { s, end in
                for k in Int(ac.outStart[s])..<Int(ac.outStart[s + 1]) { found.append([Int(ac.outputs[k]), end]) }
            }
        }
        return found.sorted { $0.lexicographicallyPrecedes($1) }
    }

    @Test func occurrencesAcrossTheSeamsAreFoundOnce() {
        var rng = RNG(state: 2024)
        let alphabet = Array("abAB c".utf8)
        for round in 0..<200 {
            // Long, self-overlapping literals make the deepest states matter at the seam.
            let literals = (0..<Int.random(in: 1...6, using: &rng)).map { _ in
                Prefilter.normalizeLiteral((0..<Int.random(in: 1...12, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! })
            }
            let ac = AhoCorasick(literals)
            let n = [127, 128, 129, 130, 255, 256, 257, 300, 511, 512, 513, 1001][round % 12]
            var text = (0..<n).map { _ in alphabet.randomElement(using: &rng)! }
            // Plant literals so that they end just before, at, or just past each seam.
            for seam in [n / 4, n / 2, 3 * (n / 4)] {
                let lit = literals.randomElement(using: &rng)!
                let end = seam + Int.random(in: -2...(lit.count + 1), using: &rng)
                if end - lit.count >= 0, end <= n { text.replaceSubrange(end - lit.count..<end, with: lit) }
            }
            #expect(Self.asciiOccurrences(ac, text) == PrefilterAutomatonTests.naiveOccurrences(literals, text),
                    "literals \(literals) text \(text)")
        }
    }

    /// Non-ASCII texts take four lanes too, each starting at a character boundary: ſ and K
    /// (read as `s` and `k`), other multi-byte characters and runs of stray continuation bytes
    /// (which push a seam on, even to the end) are planted at and around the seams.
    @Test func anyBytesLanesAgreeWithTheNaiveSearch() {
        var rng = RNG(state: 77)
        let alphabet = Array("sk aSK".utf8)
        let pieces: [[UInt8]] = [[0xC5, 0xBF], [0xE2, 0x84, 0xAA], [0xC3, 0xA9], [0xE2, 0x84], [0xBF], [0x84, 0xAA], [0xC5], [0xF0, 0x9F, 0x98, 0x80]]
        for round in 0..<300 {
            let literals = (0..<Int.random(in: 1...6, using: &rng)).map { _ in
                Prefilter.normalizeLiteral((0..<Int.random(in: 1...10, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! })
            }
            let ac = AhoCorasick(literals)
            let n = [128, 129, 131, 200, 256, 257, 400, 777][round % 8]
            var text = (0..<n).map { _ in alphabet.randomElement(using: &rng)! }
            for seam in [n / 4, n / 2, 3 * (n / 4)] {
                if round % 2 == 0 {
                    let piece = pieces.randomElement(using: &rng)!
                    let at = seam + Int.random(in: -3...2, using: &rng)
                    if at >= 0, at + piece.count <= n { text.replaceSubrange(at..<at + piece.count, with: piece) }
                } else {
                    // A literal across the seam, its s and k written as ſ and K.
                    var spelled: [UInt8] = []
                    for b in literals.randomElement(using: &rng)! {
                        if b == UInt8(ascii: "s"), Bool.random(using: &rng) { spelled += [0xC5, 0xBF] }
                        else if b == UInt8(ascii: "k"), Bool.random(using: &rng) { spelled += [0xE2, 0x84, 0xAA] }
                        else { spelled.append(b) }
                    }
                    let end = seam + Int.random(in: -2...(spelled.count + 1), using: &rng)
                    if end - spelled.count >= 0, end <= n { text.replaceSubrange(end - spelled.count..<end, with: spelled) }
                }
            }
            if round % 10 == 0 {
                // A long run of continuation bytes from before the second seam to past the third.
                let from = n / 2 - 5
                text.replaceSubrange(from..<min(n, 3 * (n / 4) + 9), with: [UInt8](repeating: 0x80, count: min(n, 3 * (n / 4) + 9) - from))
            }
            if round % 25 == 0 {
                // Continuation bytes from the first seam to the end: the later quarters are empty.
                text.replaceSubrange(n / 4..<n, with: [UInt8](repeating: 0xBF, count: n - n / 4))
            }
            #expect(PrefilterAutomatonTests.occurrences(ac, text) == PrefilterAutomatonTests.naiveOccurrences(literals, text),
                    "literals \(literals) text \(text)")
        }
    }

    /// ſ and K at every position around each seam, followed by the letter that completes a
    /// literal; and ten-letter literals spelled with the three-byte K ending just past a seam
    /// (the next lane's warm-up must read ten folded letters, thirty bytes).
    @Test func foldedLettersAtTheSeams() {
        let literals = [Array("sk".utf8), Array("ks".utf8), [UInt8](repeating: UInt8(ascii: "k"), count: 10)]
        let ac = AhoCorasick(literals)
        let longS: [UInt8] = [0xC5, 0xBF], kelvin: [UInt8] = [0xE2, 0x84, 0xAA]
        for n in [128, 400, 401, 403] {
            for shift in -3...2 {
                for piece in [longS + Array("k".utf8), kelvin + Array("s".utf8), Array(repeating: kelvin, count: 9).flatMap { $0 } + Array("k".utf8)] {
                    var text = [UInt8](repeating: UInt8(ascii: "a"), count: n)
                    for seam in [n / 4, n / 2, 3 * (n / 4)] {
                        // The piece's last letter lands at seam + shift (+ 1 for the K run).
                        let end = seam + shift + 1
                        if end - piece.count >= 0, end <= n { text.replaceSubrange(end - piece.count..<end, with: piece) }
                    }
                    #expect(PrefilterAutomatonTests.occurrences(ac, text) == PrefilterAutomatonTests.naiveOccurrences(literals, text),
                            "n \(n) shift \(shift) piece \(piece)")
                }
            }
        }
    }

    /// Non-ASCII texts without ſ or K take the byte-wise loops (four lanes from 128 bytes): seams
    /// may fall inside a character, and literals of multi-byte characters cross them. Lone C5
    /// and E2 bytes, and E2 84 without AA, are there to be passed over.
    @Test func nonASCIITextsWithoutFoldedLettersAgreeWithTheNaiveSearch() {
        var rng = PrefilterAutomatonTests.RNG(state: 4242)
        let pieces: [[UInt8]] = [[0xC3, 0xA9], [0xE2, 0x80, 0x9C], [0xC5, 0x82], [0xE2, 0x84], [0xC5], [0xE2],
                                 [0xF0, 0x9F, 0x98, 0x80], [0xD0, 0xB0], Array("se".utf8), Array("ka".utf8), Array(" ".utf8)]
        for round in 0..<300 {
            let literals = (0..<Int.random(in: 1...6, using: &rng)).map { _ in
                Prefilter.normalizeLiteral((0..<Int.random(in: 1...4, using: &rng)).flatMap { _ in pieces.randomElement(using: &rng)! })
            }
            let ac = AhoCorasick(literals)
            let n = [7, 100, 128, 129, 131, 200, 256, 257, 400, 777][round % 10]
            var text: [UInt8] = []
            while text.count < n {
                // Mostly the literals themselves, so occurrences land on and across every seam.
                text += Bool.random(using: &rng) ? literals.randomElement(using: &rng)! : pieces.randomElement(using: &rng)!
            }
            if text.last == 0xC5 || text.last == 0xE2 { text.append(UInt8(ascii: "a")) }
            guard text.withUnsafeBufferPointer({ !AhoCorasick.holdsFoldedCharacters($0.baseAddress!, $0.count) }) else { continue }
            #expect(PrefilterAutomatonTests.occurrences(ac, text) == PrefilterAutomatonTests.naiveOccurrences(literals, text),
                    "literals \(literals) text \(text)")
        }
    }

    /// `holdsFoldedCharacters` finds ſ and K at every offset of an eight-byte block and at the
    /// text's end, and nothing in their prefixes or in bytes that only look alike.
    @Test func foldedCharactersAreFoundAtEveryOffset() {
        let folded: [[UInt8]] = [[0xC5, 0xBF], [0xE2, 0x84, 0xAA]]
        let near: [[UInt8]] = [[0xC5], [0xE2, 0x84], [0xC5, 0xBE], [0xE2, 0x84, 0xAB], [0xE2, 0x85, 0xAA], [0xBF], [0xC4, 0xBF]]
        func holds(_ t: [UInt8]) -> Bool { t.withUnsafeBufferPointer { AhoCorasick.holdsFoldedCharacters($0.baseAddress!, $0.count) } }
        for n in 0..<24 {
            for at in 0...n {
                for piece in folded + near {
                    var text = [UInt8](repeating: UInt8(ascii: "s"), count: n)
                    text.insert(contentsOf: piece, at: at)
                    #expect(holds(text) == folded.contains(piece), "piece \(piece) at \(at) of \(text.count)")
                }
            }
        }
    }

    /// The longest literal planted at every offset of texts around the lane threshold: an
    /// occurrence ending where a lane's warm-up ends, or just past it, is found once, whoever
    /// reads it. (`longest - 1` warm-up bytes would still do; two short of `longest`, the
    /// occurrence ending first in a lane's own bytes is lost, and this test fails.)
    @Test func theLongestLiteralIsFoundOnceAtEveryOffset() {
        let literals = [Array("abcdefghij".utf8), Array("xyz".utf8), Array("hij".utf8)]
        let ac = AhoCorasick(literals)
        let longest = 10
        for n in Array((longest + 60)...(longest + 72)) + [128, 131, 200, 257] {
            for at in 0...(n - longest) {
                var text = [UInt8](repeating: UInt8(ascii: "."), count: n)
                text.replaceSubrange(at..<(at + longest), with: literals[0])
                #expect(Self.asciiOccurrences(ac, text) == PrefilterAutomatonTests.naiveOccurrences(literals, text), "n \(n) at \(at)")
            }
        }
    }

    /// Every byte a hit (or all but one per stretch), nothing done: the quarters fill their share
    /// of the hit buffer, and a quarter that leaves a gap has the next one's hits moved up to it.
    @Test func aHitAtAlmostEveryByteFitsTheBuffer() {
        let ac = AhoCorasick([Array("a".utf8), Array("aa".utf8)])
        for n in [128, 256, 257, 600] {
            for gapEvery in [0, 128, 64, 37, 200] {
                var text = [UInt8](repeating: UInt8(ascii: "a"), count: n)
                if gapEvery > 0 { for i in stride(from: 5, to: n, by: gapEvery) { text[i] = UInt8(ascii: "b") } }
                let none = [UInt8](repeating: 0, count: ac.stateCount)
                var ends: [Int] = []
                text.withUnsafeBufferPointer { buf in
                    none.withUnsafeBufferPointer { d in
                        withUnsafeTemporaryAllocation(of: Int.self, capacity: AhoCorasick.hitCapacity) { hits in
                            ac.forEachHitChunk(buf, ascii: true, done: d.baseAddress!, mask: 1, hits: hits.baseAddress!) { k in
                                #expect(k <= AhoCorasick.hitCapacity)
                                for j in stride(from: 0, to: k, by: 2) { ends.append(hits[j + 1]) }
                            }
                        }
                    }
                }
                #expect(ends.sorted() == text.indices.filter { text[$0] == UInt8(ascii: "a") }.map { $0 + 1 }, "n \(n) gap \(gapEvery)")
            }
        }
    }

    /// A table of 2 MiB or more starts on a 2 MiB boundary (so Linux can back it with huge
    /// pages); a small one lives on the heap. Both start zeroed.
    @Test func largeTransitionTablesAreHugePageAligned() {
        let big = TransitionTable(count: 1 << 20)
        let small = TransitionTable(count: 100)
        #if os(Linux)
        #expect(big.aligned && UInt(bitPattern: big.base) % UInt(2 << 20) == 0)
        #endif
        #expect(!small.aligned)
        #expect(big.base[0] == 0 && big.base[big.count - 1] == 0 && small.base[99] == 0)
    }
}
