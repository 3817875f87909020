import Testing
@testable import ParapetText

/// `shortRunsOnly` is a fact about the original that gates elsewhere rely on to skip work: it
/// must never be true of a text that is not ASCII or that holds a run of 16 base64 bytes.
@Suite struct ShortRunsOnlyTests {
    /// The fact as stated, byte by byte.
    static func expected(_ t: [UInt8]) -> Bool {
        var run = 0, longest = 0
        for b in t {
            let member = (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39)
                || b == UInt8(ascii: "+") || b == UInt8(ascii: "/") || b == UInt8(ascii: "_") || b == UInt8(ascii: "-")
            run = member ? run + 1 : 0
            longest = max(longest, run)
        }
        return t.allSatisfy { $0 < 0x80 } && longest < Base64Decoder.minimumRun
    }

    /// Words and runs of every length around the threshold, joined by separators that do and
    /// do not break a base64 run, with and without non-ASCII bytes (ſ among them).
    @Test func answersAsTheStatedFact() {
        var rng = SeededRandom(seed: 91)
        let fills: [[UInt8]] = [Array("a".utf8), Array("Z".utf8), Array("7".utf8), Array("_".utf8), Array("-".utf8), Array("+/".utf8),
                                Array("the ".utf8), Array("%".utf8), Array("=".utf8), Array("\u{017F}".utf8), [0xC3, 0xA9], Array(".".utf8)]
        var seen = Set<Bool>()
        for _ in 0..<4_000 {
            let text = rng.runs(of: fills, pieces: 5, repeats: 20, separators: ["", " ", "\n", ",", "x"])
            let got = DecodeChain.decodedViews(of: text, options: .default).shortRunsOnly
            #expect(got == Self.expected(text), "\(String(decoding: text, as: UTF8.self).debugDescription)")
            if got != Self.expected(text) { return }
            seen.insert(got)
        }
        #expect(seen == [false, true])
    }

    @Test func fifteenBytesAreShortAndSixteenAreNot() {
        let fifteen = Array("word ABCDEFGHIJKLMNO word".utf8), sixteen = Array("word ABCDEFGHIJKLMNOP word".utf8)
        #expect(DecodeChain.decodedViews(of: fifteen, options: .default).shortRunsOnly)
        #expect(!DecodeChain.decodedViews(of: sixteen, options: .default).shortRunsOnly)
        // One non-ASCII byte anywhere withholds the fact, however short the runs.
        #expect(!DecodeChain.decodedViews(of: Array("caf\u{E9} au lait".utf8), options: .default).shortRunsOnly)
    }

    /// The view set only knows the fact once it has built the decoded views.
    @Test func viewSetLearnsItFromTheDecodedViews() {
        let set = ViewSet(Array("a short prompt".utf8))
        _ = set.views(.canonical)
        #expect(!set.shortRunsOnly)
        _ = set.views(.decoded)
        #expect(set.shortRunsOnly)
    }

    /// The non-ASCII hint agrees with the bytes, through the eight-byte blocks and the tail.
    @Test func nonASCIIHintFollowsTheBytes() {
        for n in 0..<24 {
            for at in 0..<max(n, 1) {
                var text = [UInt8](repeating: UInt8(ascii: "a"), count: n)
                if n > 0 { text[at] = 0xC5 }
                #expect(EncodingHints.scan(text).contains(.nonASCII) == (n > 0), "\(n) \(at)")
            }
        }
    }
}
