import Foundation
import Testing
import ParapetRegex
import ParapetText
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

    /// The Latin-1 letters the extractor reads as two cases (`latin1CasePartner`): a caseless
    /// class of all of them meets no other code point, each alone meets exactly itself and its
    /// partner among them, and the letters left out do meet a third character.
    @Test func latin1PairsAreExactlyPCRE2sCaselessSets() throws {
        let letters = (UInt32(0x80)...0xFF).filter { NonASCIIGate.latin1CasePartner($0) != nil }
        #expect(letters.count == 58)
        func hex(_ v: UInt32) -> String { "\\x{" + String(v, radix: 16) + "}" }
        func meets(_ p: Pattern, _ v: UInt32, _ scratch: MatchScratch) -> Bool {
            Self.utf8(v).withUnsafeBufferPointer { b in
                if case .match = p.firstMatch(in: b, scratch: scratch) { return true }
                return false
            }
        }
        let scratch = MatchScratch()
        let all = try Pattern("^[" + letters.map(hex).joined() + "]$")
        var outside: [UInt32] = []
        for v in UInt32(0x80)...0x10FFFF where !(0xD800...0xDFFF).contains(v) {
            if meets(all, v, scratch) != letters.contains(v) { outside.append(v) }
        }
        #expect(outside.isEmpty, "\(outside.prefix(10).map { String($0, radix: 16) })")
        for c in letters {
            let partner = try #require(NonASCIIGate.latin1CasePartner(c))
            #expect(NonASCIIGate.latin1CasePartner(partner) == c)
            let alone = try Pattern("^" + hex(c) + "$")
            for d in letters { #expect(meets(alone, d, scratch) == (d == c || d == partner), "U+\(String(c, radix: 16)) U+\(String(d, radix: 16))") }
        }
        // Why Å, å, ß and ÿ are left out: caseless matching pairs them with a character beyond Latin-1.
        for (c, third) in [(UInt32(0xC5), UInt32(0x212B)), (0xE5, 0x212B), (0xDF, 0x1E9E), (0xFF, 0x178)] {
            #expect(meets(try Pattern("^" + hex(c) + "$"), third, scratch), "U+\(String(c, radix: 16))")
        }
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
        // A Latin-1 letter is met as one of its two cases; ß only as some non-ASCII character.
        ("grüße", ["grü", "grÜ"]),
        ("straßenbahn", ["enbahn"]),
        ("[üu]bergehen", ["übergehen", "Übergehen", "ubergehen"]),
        ("режим\\s+dev", ["<>"]),
        ("kh[ôo]ng", ["không", "khÔng", "khong"]),
        // Å and å also meet U+212B ANGSTROM SIGN: no pair for them.
        ("håndtere", ["ndtere"]),
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

    /// Every code point outside `NonASCIIGate.uncasedBlocks` against a caseless class of those
    /// blocks: none may match (none is a case variant of a character in them); and Unicode's own
    /// data gives no character in them a case mapping or case at all.
    @Test func uncasedBlocksMeetOnlyThemselves() throws {
        let members = NonASCIIGate.uncasedBlocks.map { String(format: "\\x{%X}-\\x{%X}", $0.lowerBound, $0.upperBound) }.joined()
        let pattern = try Pattern("^[" + members + "]$")
        let scratch = MatchScratch()
        var inside = 0, meeting: [UInt32] = []
        for v in UInt32(0x80)...0x10FFFF where !(0xD800...0xDFFF).contains(v) {
            let matched = Self.utf8(v).withUnsafeBufferPointer { b -> Bool in
                if case .match = pattern.firstMatch(in: b, scratch: scratch) { return true }
                return false
            }
            if NonASCIIGate.hasNoCase(v) {
                inside += 1
                let p = Unicode.Scalar(v)!.properties
                #expect(matched && !p.isCased && !p.changesWhenCaseMapped && !p.changesWhenCaseFolded, "U+\(String(v, radix: 16))")
            } else if matched {
                meeting.append(v)
            }
        }
        #expect(meeting.isEmpty, "\(meeting.prefix(10).map { String($0, radix: 16) })")
        #expect(inside > 100_000)
    }

    /// Uncased characters are literal bytes even under caseless matching: a word as its bytes
    /// (cut to `LiteralSets.maxLength`), a small class as its members, a wide class of
    /// four-byte characters as the lead bytes they share; a class reaching a cased character
    /// still proves only a non-ASCII byte.
    @Test(arguments: [
        ("開発者モード", [Array("開発者モード".utf8).prefix(LiteralSets.maxLength)].map(Array.init)),
        ("(?:开发者模式|developer mode)", [Array(Array("开发者模式".utf8).prefix(LiteralSets.maxLength)), Array(Array("developer mode".utf8).prefix(LiteralSets.maxLength))]),
        (#"[\x{202A}-\x{202E}]"#, (0x202A...0x202E).map { PrefilterNonASCIITests.utf8($0) }),
        (#"\w[\x{200B}\x{2060}\x{FEFF}]\w"#, [0x200B, 0x2060, 0xFEFF].map { PrefilterNonASCIITests.utf8($0) }),
        (#"(?<![\x{E0020}-\x{E007E}])[\x{E0020}-\x{E007E}]"#, [[0xF3, 0xA0, 0x80], [0xF3, 0xA0, 0x81]]),
        ("تجاهل", [Array("تجاهل".utf8)]),
        (#"[\x{0400}-\x{0410}]"#, [NonASCIIGate.sentinel]),
        (#"[\x{2000}-\x{2100}]"#, [NonASCIIGate.sentinel]),
    ] as [(String, [[UInt8]])])
    func uncasedCharactersAreBytes(_ pattern: String, _ expected: [[UInt8]]) {
        #expect(LiteralExtraction.requiredLiterals(of: pattern).map(Set.init) == Set(expected), "\(pattern)")
    }

    /// Random texts of uncased, cased and ASCII characters: wherever PCRE2 finds a match of a
    /// pattern built from uncased characters, a literal its gate reads is in the text.
    @Test func uncasedGatesHoldOnRandomText() throws {
        let patterns = [#"\x{E0001}|(?<!\x{1F3F4})(?<![\x{E0020}-\x{E007E}])[\x{E0020}-\x{E007E}]|[\x{202A}-\x{202E}\x{2066}-\x{2069}]|\w[\x{200B}\x{2060}\x{FEFF}]\w"#,
                        "(?:开发者|開発者)\\s*(?:模式|モード)", "تجاهل\\s+(?:\\S+\\s+){0,2}?التعليمات"]
        let pool: [UInt32] = [0x61, 0x20, 0x62, 0xE9, 0x416, 0x436, 0x200B, 0x202A, 0x202E, 0x2066, 0xFEFF, 0xE0001, 0xE0041, 0xE007E, 0x1F3F4,
                              0x5F00, 0x53D1, 0x8005, 0x6A21, 0x5F0F, 0x958B, 0x767A, 0x30E2, 0x30FC, 0x30C9, 0x62A, 0x62C, 0x627, 0x647, 0x644, 0x639, 0x645, 0x64A]
        var rng = SystemRandomNumberGenerator()
        var matches = 0
        let scratch = MatchScratch()
        for source in patterns {
            let pattern = try Pattern(source)
            let clauses = try #require(LiteralExtraction.requiredClauses(of: source))
            for _ in 0..<3_000 {
                var text: [UInt8] = []
                for _ in 0..<Int.random(in: 1...12, using: &rng) { text += Self.utf8(pool.randomElement(using: &rng)!) }
                guard case .match = text.withUnsafeBufferPointer({ pattern.firstMatch(in: $0, scratch: scratch) }) else { continue }
                matches += 1
                for clause in clauses {
                    #expect(clause.contains { $0 == NonASCIIGate.sentinel ? text.contains { $0 >= 0x80 } : LiteralExtraction.holds(text, $0) }, "\(source) on \(text)")
                }
            }
        }
        #expect(matches > 100)
    }

    /// Latin-1 words spelled in random case, letter by letter (ö or Ö, e or E), inside other
    /// text: wherever PCRE2 matches the caseless pattern, every clause of its gate holds.
    @Test func latin1GatesHoldInEveryCase() throws {
        let cases: [(pattern: String, words: [String])] = [
            ("ist b[öo]se", ["ist böse", "ist bose"]), ("d[ée]teste", ["déteste", "deteste"]), ("gr[üu](?:ß|ss)e", ["grüße", "grusse"]),
            ("kh[ôo]ng", ["không", "khong"]), ("art[íi]culo", ["artículo", "articulo"]), ("h[äa]ltst", ["hältst", "haltst"]),
            ("c[óo]digo", ["código"]), (#"\x{E9}t\x{E9}"#, ["été"]), ("[àâ]\\s+bient[ôo]t", ["à bientôt", "â bientot"]),
        ]
        func variants(_ c: Character) -> [String] {
            let u = c.unicodeScalars.first!.value
            if let p = NonASCIIGate.latin1CasePartner(u) { return [String(c), String(Character(Unicode.Scalar(p)!))] }
            return [String(c).lowercased(), String(c).uppercased()].filter { $0.count == 1 }
        }
        var rng = SystemRandomNumberGenerator()
        let scratch = MatchScratch()
        var matches = 0
        for (source, words) in cases {
            let pattern = try Pattern(source)
            let clauses = try #require(LiteralExtraction.requiredClauses(of: source))
            for _ in 0..<400 {
                let word = words.randomElement(using: &rng)!.map { variants($0).randomElement(using: &rng)! }.joined()
                let text = Array(("xx " + word + " yy").utf8)
                guard case .match = text.withUnsafeBufferPointer({ pattern.firstMatch(in: $0, scratch: scratch) }) else { continue }
                matches += 1
                for clause in clauses {
                    // The literal pass folds ASCII case, as `PrefilterAutomatonTests.contains` does.
                    #expect(clause.contains { $0 == NonASCIIGate.sentinel ? text.contains { $0 >= 0x80 } : PrefilterAutomatonTests.contains(text, $0) }, "\(source) on \(String(decoding: text, as: UTF8.self))")
                }
            }
        }
        #expect(matches == 400 * cases.count)
    }

    /// A pattern that only reads canonical text gets the folds of its cased characters: every
    /// character PCRE2 pairs caselessly with one of the pack's characters, among all the
    /// characters canonical text can hold (the canonical view of each code point of planes 0
    /// and 1 alone), is that character's fold.
    @Test func packCharactersMeetOnlyTheirFoldInCanonicalText() throws {
        var subject: [UInt8] = []
        for v in UInt32(0x80)...0x1FFFF where !(0xD800...0xDFFF).contains(v) {
            subject += Canonicalizer.canonicalView(of: Self.utf8(v)).bytes
            subject.append(0x0A)
        }
        var chars = Set<UInt32>()
        for rule in PrefilterEquivalenceTests.ruleSet.rules where Prefilter.readsCanonicalOnly(rule) {
            for p in rule.patterns where p.options.caseless {
                for s in p.source.unicodeScalars where s.value >= 0x80 && !NonASCIIGate.hasNoCase(s.value) { chars.insert(s.value) }
            }
        }
        #expect(chars.count > 50)
        let scratch = MatchScratch()
        var checked = 0
        for v in chars.sorted() {
            guard let folded = Canonicalizer.foldedBytes(of: v), !NonASCIIGate.asciiPartners.contains(v) else { continue }
            let pattern = try Pattern(String(Character(Unicode.Scalar(v)!)))
            subject.withUnsafeBufferPointer { buf in
                pattern.forEachMatch(in: buf, scratch: scratch) { r in
                    #expect(Array(buf[r]) == folded, "U+\(String(v, radix: 16)) met \(Array(buf[r]))")
                    return true
                }
            }
            checked += 1
        }
        #expect(checked > 50)
    }

    @Test(arguments: [
        ("kh[ôo]ng", ["khong"]),
        ("vous\\s+[êe]tes", ["vous etes"]),
        ("ВЫВЕДИ", ["выведи"]),
        ("режим\\s+разработчика", ["режим разработчика"]),
    ])
    func canonicalPatternsGetFolds(_ pattern: String, _ expected: [String]) {
        let lits = LiteralExtraction.requiredLiterals(of: pattern, caseless: true, canonicalSpace: true)
        #expect(lits.map(Set.init) == Set(expected.map { Array(Array($0.utf8).prefix(LiteralSets.maxLength)) }), "\(pattern)")
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
