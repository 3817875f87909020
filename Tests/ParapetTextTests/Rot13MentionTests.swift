import Testing
@testable import ParapetText

/// The block-skipping search for rot13 / caesar mentions must agree with the byte-by-byte one.
@Suite struct Rot13MentionTests {
    @Test func blockSearchEqualsByteSearch() {
        var rng = SeededRandom(seed: 13)
        let pieces = ["rot13", "ROT-13", "Rot 13", "rot_13", "CaEsAr", "rot", "13", "ae", "rot 1", "caesa", "x", " ", "2013", "aerial", "1", "3", "é"]
        var found = 0
        for _ in 0..<6_000 {
            var text = [UInt8]()
            for _ in 0..<Int(rng.next() % 14) {
                text += Array(repeating: UInt8(ascii: "q"), count: Int(rng.next() % 9))
                if rng.next() % 3 == 0 { text += Array(pieces[Int(rng.next() % UInt64(pieces.count))].utf8) }
            }
            let expected = Rot13Decoder.mentionsRot13(text, starts: 0..<text.count)
            if expected { found += 1 }
            #expect(Rot13Decoder.mentionsRot13(text) == expected, "\(String(decoding: text, as: UTF8.self))")
        }
        #expect(found > 500)
    }

    @Test func mentionsAtEveryOffset() {
        for pad in 0..<20 {
            for word in ["rot13", "Rot-13", "CAESAR"] {
                let text = Array((String(repeating: "z", count: pad) + word + String(repeating: "z", count: pad % 3)).utf8)
                #expect(Rot13Decoder.mentionsRot13(text), "\(pad) \(word)")
            }
            #expect(!Rot13Decoder.mentionsRot13(Array((String(repeating: "z", count: pad) + "rot 1 3 caesa r 2013").utf8)))
        }
    }
}
