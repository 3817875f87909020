import Testing
@testable import ParapetText

/// `EncodingHints.scan` takes calm eight-byte blocks at once; on prose-like texts whose words
/// sit near both run thresholds it must still answer as the byte-by-byte reference.
@Suite struct EncodingHintsCalmTests {
    @Test func calmBlocksAnswerAsTheReference() {
        var rng = SeededRandom(seed: 16)
        let words = ["the", "Deadbeef", "cafe", "facade", "decade", "AbCdEf", "instructionsareveryl", "abcdefabcdefab", "0a0b0c0d",
                     "Michael", "aeon", "Caesar", "base64", "word_with-dash", "x+y/z", "fed", "a", "e", "2024", "ff:ee:dd", "ab,cd"]
        let gaps = [" ", " ", "  ", ". ", ", ", ":", "", "\n", "?", "'"]
        var seen = Set<UInt16>()
        for _ in 0..<6_000 {
            var text = ""
            for _ in 0..<Int(rng.next() % 30) {
                var w = words[Int(rng.next() % UInt64(words.count))]
                // Longer words push the base64 and hex runs across blocks and past 16.
                if rng.next() % 4 == 0 { w += words[Int(rng.next() % UInt64(words.count))] }
                text += w + gaps[Int(rng.next() % UInt64(gaps.count))]
            }
            if rng.next() % 5 == 0 { text += ["%41", "&amp;", "\\u0041", "<b>", "1"][Int(rng.next() % 5)] }
            let b = Array(text.utf8)
            let fast = EncodingHints.scan(b), reference = EncodingHints.scanReference(b)
            #expect(fast == reference, "\(text.debugDescription)")
            if fast != reference { return }
            seen.insert(reference.rawValue)
        }
        // Both runs, their absence and the rot word all occurred.
        let all = seen.reduce(0, |)
        #expect(all & EncodingHints.base64Run.rawValue != 0 && all & EncodingHints.hexRun.rawValue != 0)
        #expect(all & EncodingHints.rotWord.rawValue != 0 && seen.contains(0))
    }

    /// "caesar" at every offset, so its "ae" falls inside a block and across each seam (the pair
    /// is what lets the rot13 mention search run).
    @Test func caesarAtEveryOffset() {
        for pad in 0..<17 {
            for word in ["caesar", "CAESAR", "cAesar", "ca esar"] {
                let b = Array((String(repeating: "x", count: pad) + word + " and more words here").utf8)
                #expect(EncodingHints.scan(b) == EncodingHints.scanReference(b), "\(pad) \(word)")
            }
        }
    }

    @Test func runsCrossingBlocksAtEveryOffset() {
        for pad in 0..<16 {
            for len in 12...20 {
                let base = String(repeating: "Q", count: len), hex = String(repeating: "c", count: len)
                for word in [base, hex, String(repeating: "ab ", count: len / 2)] {
                    let b = Array((String(repeating: ".", count: pad) + word + ". end").utf8)
                    #expect(EncodingHints.scan(b) == EncodingHints.scanReference(b), "\(pad) \(word)")
                }
            }
        }
    }
}

/// Long texts: runs of every length around both thresholds, runs that only continue (spaces
/// keep a hex run without counting), and blocks of every kind between them.
@Suite struct EncodingHintsLongRunTests {
    @Test func longTextsAnswerAsTheReference() {
        var rng = SeededRandom(seed: 77)
        let fills: [[UInt8]] = [Array("Q".utf8), Array("c".utf8), Array(" ".utf8), Array("0f:".utf8), Array("ab ".utf8), Array("x+".utf8),
                                Array("dead,".utf8), Array("the ".utf8), [0xC3, 0xA9], Array("1".utf8), Array("ae".utf8), Array("%".utf8)]
        var seen = Set<UInt16>()
        for _ in 0..<3_000 {
            let text = rng.runs(of: fills, pieces: 6, repeats: 40, separators: ["", ".", "\n", "-", " "])
            let fast = EncodingHints.scan(text), reference = EncodingHints.scanReference(text)
            #expect(fast == reference, "\(String(decoding: text, as: UTF8.self).debugDescription)")
            if fast != reference { return }
            seen.insert(reference.rawValue & (EncodingHints.base64Run.rawValue | EncodingHints.hexRun.rawValue))
        }
        // Each combination of the two runs occurred.
        #expect(seen.count == 4)
    }
}
