import Testing
@testable import ParapetDetectors
import ParapetRules
import ParapetText

/// The detectors share per-text work through `TextMemo`; these check that the sharing never
/// lets one text's, or one detector setting's, answer leak into another.

private func raw(_ b: [UInt8]) -> TextView {
    TextView(kind: .raw, bytes: b, map: .identity(count: b.count), chain: [])
}

private let ctx = ScanContext(target: .input)

@Test func wholeTextBracketCountMatchesTheCountingLoop() {
    var state: UInt64 = 0xB4AC
    for round in 0..<2_000 {
        let text = (0..<(round % 90)).map { _ -> UInt8 in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
        #expect(TokenSoupDetector.bracketCount(text) == TokenSoupDetector.bracketCount(text, atLeast: Int.max))
    }
    // Bytes one bit away from a bracket ('y', 'Y', '9', '_', '|') are not brackets.
    #expect(TokenSoupDetector.bracketCount(Array("yY9_|y{}[]()".utf8)) == 6)
}

@Test func wordSaladTiersWithOtherWordListsKeepTheirOwnJudgement() throws {
    let text = Array("Write a poem about the sea for a friend and the kids tableau != merge ?? ok".utf8)
    let standard = try WordSaladDetector(params: ["min_tokens": .number(3), "min_kinds": .number(2)])
    let custom = try WordSaladDetector(params: ["min_tokens": .number(3), "min_kinds": .number(2),
                                                "foreign_words": .list([.string("tableau"), .string("merge")])])
    // Same text, asked in both orders: the custom list makes two foreign words, the standard one none.
    for _ in 0..<2 {
        #expect(custom.detect(raw(text), context: ctx).count == 1)
        #expect(standard.detect(raw(text), context: ctx).isEmpty)
    }
}

@Test func detectorsAnswerForTheTextTheyAreGivenWhenTextsAlternate() throws {
    let salad = try WordSaladDetector(params: ["min_tokens": .number(3), "min_kinds": .number(2)])
    let soup = try TokenSoupDetector(params: ["min_odd_tokens": .number(2), "min_bracket_mismatch": .number(2)])
    let dirty = Array("Write a poem about the sea for a friend avec != sortedBy output ({[ helpTip( ok".utf8)
    let clean = Array("Write a poem about the sea for a friend, with rhymes and a calm ending.".utf8)
    for _ in 0..<3 {
        #expect(salad.detect(raw(dirty), context: ctx).count == 1)
        #expect(soup.detect(raw(dirty), context: ctx).count == 1)
        #expect(salad.detect(raw(clean), context: ctx).isEmpty)
        #expect(soup.detect(raw(clean), context: ctx).isEmpty)
    }
    // An equal copy in another buffer gets the same answer.
    var copy = dirty
    copy.append(0x20)
    copy.removeLast()
    #expect(salad.detect(raw(copy), context: ctx) == salad.detect(raw(dirty), context: ctx))
}

@Test func tokenSoupWithATokenCapJudgesBracketsUpToTheCap() throws {
    // 20 balanced tokens, then a stray "]]]": with max_tokens 16 the stray brackets are past the cap.
    let text = Array((String(repeating: "x{a} ", count: 20) + "]]] ok{b}").utf8)
    let capped = try TokenSoupDetector(params: ["min_odd_tokens": .number(2), "min_bracket_mismatch": .number(2), "max_tokens": .number(16)])
    let full = try TokenSoupDetector(params: ["min_odd_tokens": .number(2), "min_bracket_mismatch": .number(2)])
    for _ in 0..<2 {
        #expect(capped.detect(raw(text), context: ctx).isEmpty)
        #expect(full.detect(raw(text), context: ctx).count == 1)
    }
}

@Test func wordSetAgreesWithASetOfLowerCasedWords() {
    let words = ["avec", "dans", "a", "the", "também", "não", "ensuite", "estos", "straightforward", "x", "--", "```"]
    let set = WordSet(words)
    let reference = Set(words.map { Array($0.utf8) })
    let alphabet: [UInt8] = Array("aAvVeEcCdDnNsStThTxX-`ã o".utf8) + [0x00, 0xC3, 0xA3]
    var state: UInt64 = 0x5E7
    for round in 0..<20_000 {
        // Every tenth probe is a listed word with some letters upper-cased.
        var tok: [UInt8]
        if round % 10 == 0 {
            tok = Array(words[round / 10 % words.count].utf8).map { c in
                state = state &* 6364136223846793005 &+ 1442695040888963407
                return state >> 63 == 1 && c >= 0x61 && c <= 0x7A ? c - 0x20 : c
            }
        } else {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            tok = (0..<(1 + Int(state >> 60))).map { _ in
                state = state &* 6364136223846793005 &+ 1442695040888963407
                return alphabet[Int(state >> 33) % alphabet.count]
            }
        }
        let lowered = tok.map(WordSet.lower)
        let padded = [0x20] + tok + [0x20]
        #expect(set.containsWord(padded, 1, 1 + tok.count) == reference.contains(lowered), "\(tok)")
        #expect(set.containsWordReference(padded, 1, 1 + tok.count) == reference.contains(lowered), "\(tok)")
        // At the very end of the buffer (no eight-byte load) and with the whole word in one load.
        #expect(set.containsWord(tok, 0, tok.count) == reference.contains(lowered), "\(tok)")
        let wide = tok + Array(repeating: 0x41, count: 8)
        #expect(set.containsWord(wide, 0, tok.count) == reference.contains(lowered), "\(tok)")
    }
}

/// The lane-summed bracket count agrees with the counting loop on texts long enough to flush
/// the byte lanes several times (31 words per flush), including all-bracket texts.
@Test func longBracketCountsMatchTheCountingLoop() {
    var state: UInt64 = 0x77
    for round in 0..<200 {
        let n = 200 + round * 13
        let text = (0..<n).map { _ -> UInt8 in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return round % 2 == 0 ? Array("()[]{}".utf8)[Int(state >> 33) % 6] : UInt8(truncatingIfNeeded: state >> 56)
        }
        #expect(TokenSoupDetector.bracketCount(text) == TokenSoupDetector.bracketCount(text, atLeast: Int.max))
    }
}
