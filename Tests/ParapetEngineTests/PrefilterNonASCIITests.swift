import Testing
import ParapetRegex
@testable import ParapetEngine

/// The "needs a non-ASCII byte" gate rests on one fact about PCRE2: under caseless UCP matching,
/// only a few non-ASCII characters meet ASCII ones. These tests ask PCRE2 itself.
struct PrefilterNonASCIITests {
    static func utf8(_ v: UInt32) -> [UInt8] { Array(String(Character(Unicode.Scalar(v)!)).utf8) }

    /// Every code point above U+007F against a caseless ASCII class: the ones that match must all
    /// be listed as ASCII partners (classes and single characters share PCRE2's caseless sets).
    @Test func onlyListedCharactersMeetASCIICaselessly() throws {
        let pattern = try Pattern(#"^[\x00-\x7F]$"#)
        let scratch = MatchScratch()
        var meeting: [UInt32] = []
        for v in UInt32(0x80)...0x10FFFF where !(0xD800...0xDFFF).contains(v) {
            let bytes = Self.utf8(v)
            let outcome = bytes.withUnsafeBufferPointer { pattern.firstMatch(in: $0, scratch: scratch) }
            if case .match = outcome { meeting.append(v) }
        }
        #expect(Set(meeting).isSubset(of: NonASCIIGate.asciiPartners), "\(meeting.map { String($0, radix: 16) })")
        #expect(meeting.contains(0x212A) && meeting.contains(0x017F))
    }

    /// Each non-ASCII character of the default pack's caseless patterns, compiled alone and
    /// caselessly, against every ASCII character: only listed partners may match.
    @Test func packCharactersNeverMatchASCII() throws {
        var chars = Set<UInt32>()
        for rule in PrefilterEquivalenceTests.ruleSet.rules {
            for p in rule.patterns where p.options.caseless {
                for s in p.source.unicodeScalars where s.value >= 0x80 { chars.insert(s.value) }
            }
        }
        #expect(chars.count > 20) // the pack has multilingual rules
        let scratch = MatchScratch()
        for v in chars.sorted() {
            let pattern = try Pattern(String(Character(Unicode.Scalar(v)!)))
            let meetsASCII = (UInt8(0)...0x7F).contains { b in
                [b].withUnsafeBufferPointer { if case .match = pattern.firstMatch(in: $0, scratch: scratch) { return true }; return false }
            }
            #expect(!meetsASCII || NonASCIIGate.asciiPartners.contains(v), "U+\(String(v, radix: 16))")
        }
    }

    @Test(arguments: [
        ("grüße", ["<>"]),
        ("開発者モード", ["<>"]),
        ("(?:开发者模式|developer mode)", ["<>", "developer "]),
        ("straßenbahn", ["enbahn"]),
        // "ubergehen" holds "bergehen", so the set keeps only the shorter literal.
        ("[üu]bergehen", ["bergehen"]),
        ("режим\\s+dev", ["<>"]),
        ("kh[ôo]ng", ["<>", "khong"]),
        // The plain runs of "lặp lại" are "l", "p l" and "i": too short to select (most
        // English prose holds "p l"), so the literal proves only a non-ASCII byte.
        ("lặp lại", ["<>"]),
        ("lời nhắc", ["i nh"]),
        (#"\S{0,6}modus"#, ["modus"]),
    ])
    func nonASCIICaselessExtraction(_ pattern: String, _ expected: [String]) {
        let lits = LiteralExtraction.requiredLiterals(of: pattern)?.map { $0 == NonASCIIGate.sentinel ? "<>" : String(decoding: $0, as: UTF8.self) }
        #expect(lits.map(Set.init) == Set(expected))
    }

    /// Characters with an ASCII case partner never count as non-ASCII evidence.
    @Test func asciiPartnersStayOpaque() {
        #expect(LiteralExtraction.requiredLiterals(of: "\u{212A}\u{212A}") == nil)
        #expect(LiteralExtraction.requiredLiterals(of: "pa\u{017F}\u{017F}") == nil)
        #expect(LiteralExtraction.requiredLiterals(of: "[ıi]ki") == nil)
        #expect(LiteralExtraction.requiredLiterals(of: "[ıi]kiz") == [Array("kiz".utf8)])
    }

    @Test func nonASCIIByteCheck() {
        for n in 0..<40 {
            var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: n)
            #expect(!bytes.withUnsafeBufferPointer(NonASCIIGate.hasNonASCII))
            for i in 0..<n {
                bytes[i] = 0x80
                #expect(bytes.withUnsafeBufferPointer(NonASCIIGate.hasNonASCII))
                bytes[i] = UInt8(ascii: "a")
            }
        }
    }
}
