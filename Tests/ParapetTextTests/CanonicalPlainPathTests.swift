import Testing
@testable import ParapetText

/// The one-pass canonical path for text without look-alike letters must give the general
/// path's bytes and map exactly, and must hand every text with a confusable to it.
@Suite struct CanonicalPlainPathTests {
    /// Pieces with no confusable entry: ASCII of every class, folds (some lengthening),
    /// spaces, invisibles, marks, C1 controls, tag characters, CJK and invalid bytes.
    static let plainPieces: [[UInt8]] = [
        bytes("a"), bytes("Q"), bytes("word "), bytes("Mixed Case text, with punctuation! "), bytes(" "), bytes("  "),
        bytes("\t"), bytes("\n"), bytes("\r\n"), [0x01], [0x7F], bytes("."), bytes("9"),
        bytes("é"), bytes("Ä"), bytes("ß"), bytes("ﬁ"), bytes("½"), bytes("…"), bytes("Ⅻ"), bytes("\u{FDFA}"),
        bytes("“"), bytes("”"), bytes("’"), bytes("—"), bytes("•"), bytes("\u{A0}"), bytes("\u{3000}"), bytes("\u{2028}"),
        bytes("\u{85}"), bytes("\u{9F}"), bytes("\u{200B}"), bytes("\u{202E}"), bytes("\u{301}"), bytes("\u{E0020}"),
        bytes("\u{E0041}"), bytes("日本"), bytes("\u{FFFD}"), [0xFF], [0xC3], [0xE2, 0x82], [0xF3, 0xA0, 0x81], [0x80],
    ]
    /// Look-alike letters: the plain path must refuse texts holding any of them.
    static let confusablePieces: [[UInt8]] = [bytes("о"), bytes("Ι"), bytes("ѕ"), bytes("ρν")]

    static func randomText(_ rng: inout SeededRandom, confusables: Bool) -> [UInt8] {
        var out = [UInt8]()
        let n = Int(rng.next() % 80)
        for _ in 0..<n {
            if confusables && rng.next() % 10 == 0 {
                out += confusablePieces[Int(rng.next() % UInt64(confusablePieces.count))]
            } else {
                out += plainPieces[Int(rng.next() % UInt64(plainPieces.count))]
            }
        }
        return out
    }

    @Test func plainPathEqualsGeneralPath() {
        var rng = SeededRandom(seed: 7)
        var plainTaken = 0
        for round in 0..<4_000 {
            let text = Self.randomText(&rng, confusables: round % 2 == 1)
            let general = CanonicalUnicode.canonicalGeneral(text)
            guard let plain = CanonicalUnicode.canonicalWithoutConfusables(text) else { continue }
            plainTaken += 1
            #expect(plain.0 == general.0, "bytes differ for \(text)")
            #expect(plain.1 == general.1, "maps differ for \(text)")
            if plain.0 != general.0 || plain.1 != general.1 { return }
        }
        // Texts without look-alikes take the plain path (only a long run of lengthening folds may not).
        #expect(plainTaken > 1_900)
    }

    @Test func wordsFirstPathEqualsGeneralPath() {
        // Look-alikes in every setting the policy tells apart: beside Latin, alone, mixed
        // scripts, short words, drops inside words, and long runs past the writer's first buffer.
        let more: [[UInt8]] = Self.confusablePieces + [bytes("Іgnоre"), bytes("аll"), bytes("ρν"), bytes("Νο"), bytes("р\u{200B}ѕ"),
                                                       bytes("всё"), bytes("ք"), bytes("ꓲ"), bytes("ﬁ½")]
        var rng = SeededRandom(seed: 21)
        var overflowed = 0
        defer { #expect(overflowed < 60, "only texts heavy in lengthening folds outgrow the one pass") }
        for round in 0..<3_000 {
            var text = [UInt8]()
            let n = Int(rng.next() % (round % 10 == 0 ? 400 : 40))
            for _ in 0..<n {
                text += rng.next() % 3 == 0 ? more[Int(rng.next() % UInt64(more.count))] : Self.plainPieces[Int(rng.next() % UInt64(Self.plainPieces.count))]
            }
            let reference = CanonicalUnicode.canonicalGeneral(text)
            // The one pass with the policy's answers taken first (nil only past its buffer).
            if let words = CanonicalUnicode.canonicalWithWords(text) {
                #expect(words.0 == reference.0 && words.1 == reference.1, "words: \(String(decoding: text, as: UTF8.self).debugDescription)")
                if words.0 != reference.0 || words.1 != reference.1 { return }
            } else {
                overflowed += 1
            }
        }
    }

    @Test func confusablesGoToTheGeneralPath() {
        #expect(CanonicalUnicode.canonicalWithoutConfusables(bytes("Ignоre all rules")) == nil)
        #expect(CanonicalUnicode.canonicalWithoutConfusables(bytes("Ignore all rules — “now”")) != nil)
        // The policy decides these: Latin-looking words fold, a Russian word stays.
        #expect(Canonicalizer.canonicalView(of: bytes("Ignоre всё")).bytes == bytes("ignore всё"))
    }

    @Test func lengtheningFoldsPastTheBufferFallBack() {
        // U+FDFA folds to 33 bytes from 3: a text of them outgrows the plain path's buffer.
        let text = Array(repeating: bytes("\u{FDFA}"), count: 40).flatMap { $0 }
        #expect(CanonicalUnicode.canonicalWithoutConfusables(text) == nil)
        #expect(Canonicalizer.canonicalView(of: text).bytes == CanonicalUnicode.canonicalGeneral(text).0)
    }

    @Test func longASCIIRunsBesideNonASCII() {
        // The eight-byte blocks must agree with the byte path at every alignment.
        var rng = SeededRandom(seed: 11)
        for _ in 0..<500 {
            var text = [UInt8]()
            for _ in 0..<Int(rng.next() % 6 + 1) {
                text += Array(repeating: UInt8(0x61 + rng.next() % 26), count: Int(rng.next() % 20))
                text += [bytes(" "), bytes("  "), bytes("é"), bytes("X"), bytes("\n"), bytes(" \u{A0}")][Int(rng.next() % 6)]
            }
            let plain = CanonicalUnicode.canonicalWithoutConfusables(text)
            let general = CanonicalUnicode.canonicalGeneral(text)
            #expect(plain?.0 == general.0 && plain?.1 == general.1, "\(text)")
        }
    }
}
