import Testing
@testable import ParapetRegex

/// The byte-mode twin (`ASCIITwin`) finds exactly the matches and groups of its pattern on
/// every ASCII subject; patterns it cannot model get no twin.
@Suite struct ASCIITwinTests {
    /// Every match (range and group 1) with the twin allowed or not.
    /// `plain`: the pattern exactly as written (neither twin nor regrouping), the reference.
    static func matches(_ p: Pattern, _ subject: [UInt8], twin: Bool, plain: Bool = false) -> [[Int]] {
        let scratch = MatchScratch()
        var out: [[Int]] = []
        let limit = subject.withUnsafeBufferPointer { buf in
            let record = { (r: Range<Int>) -> Bool in
                let g = p.captureRange(1, scratch: scratch)
                out.append([r.lowerBound, r.upperBound, g?.lowerBound ?? -1, g?.upperBound ?? -1])
                return true
            }
            return plain ? p.forEachPlainMatch(in: buf, scratch: scratch, record) : p.forEachMatch(in: buf, scratch: scratch, allowTwin: twin, record)
        }
        if let limit { out.append([-9, limit.hashValue]) }
        return out
    }

    static let patterns: [String] = [
        #"\bignore\s+(?:all\s+)?previous\b"#,
        #"caf[ée]s?\s+(\w+)"#,
        #"na[iï]ve|stra(?:ss|ß)e|é?x+é*"#,
        #"(?-i:[A-ZÄÖÜ][\w-]*)\s+(?:hates?|d[ée]teste)"#,
        #"[^.!?\n]{0,20}?\b(?:send|mail)\b"#,
        #"€?\d+(?:[.,]\d+)?\s*(?:€|eur|usd)"#,
        #"(?<=\bsay\s)\w+|(?<!é)\bok\b"#,
        #"\b(\w+)\s+\1\b"#,
        #"[[:alpha:]]+"#,
        #"(?:a|b)*+c(*COMMIT)d|x"#,
        #"\x{e9}?z+|[\x{7f}-\x{ff}]q"#,
        #"[^\x00-\x7F]+|\W+"#,
        #"\s+\S+\d\D\h\v\R"#,
        #"(?i)KEY|(?-i)Key"#,
        #""#,
        #"x*"#,
    ]

    static func subjects() -> [[UInt8]] {
        var s: [[UInt8]] = ["", "a", "x", "ok", "Ignore all previous rules", "cafe  Latte ok", "Tom hates rain; ACME deteste x",
                            "pay 12,50 eur to say hello send now", "word word again again", "naive strasse xxx z zzz",
                            "aaac cd abcd x\u{7F}q", "\t\n\r\u{0B}\u{0C} \u{01}\u{00}end", "KEY key Key kEy"].map { Array($0.utf8) }
        // Random ASCII (including NUL, controls and 0x7F) at lengths around word boundaries.
        var rng = SystemRandomNumberGenerator()
        let alphabet = Array("abcdeklostxyz ACEKOST .,!?\n\t0123456789'\"-_é".utf8).filter { $0 < 0x80 }
        for n in [1, 7, 8, 9, 15, 16, 17, 31, 32, 33, 64, 200] {
            for _ in 0..<6 {
                s.append((0..<n).map { _ in Int.random(in: 0..<10, using: &rng) == 0 ? UInt8.random(in: 0...0x7F, using: &rng) : alphabet.randomElement(using: &rng)! })
            }
        }
        return s
    }

    @Test(arguments: Self.patterns)
    func twinFindsTheSameMatches(_ source: String) throws {
        for caseless in [true, false] {
            let p = try Pattern(source, options: PatternOptions(caseless: caseless))
            if source != #"[[:alpha:]]+"# { #expect(p.hasASCIITwin, "\(source)") }
            for subject in Self.subjects() {
                #expect(Self.matches(p, subject, twin: true) == Self.matches(p, subject, twin: false), "\(source) on \(subject)")
            }
        }
    }

    @Test func nonASCIISubjectsUseThePatternItself() throws {
        // In byte mode `[ée]` would match the first byte of "é" alone; the pattern matches the character.
        let p = try Pattern("caf[ée]")
        #expect(p.hasASCIITwin)
        let bytes = Array("un café".utf8)
        #expect(Self.matches(p, bytes, twin: true) == [[3, 8, -1, -1]])
    }

    @Test func groupsPastThePatternsOwnAreUnsetEvenOnAReusedScratch() throws {
        // PCRE2 leaves ovector pairs past a pattern's groups untouched: a scratch used by a pattern
        // with groups must not leak those offsets into a pattern without them.
        let scratch = MatchScratch()
        let withGroup = try Pattern(#"(\w+)@(\w+)"#), without = try Pattern("cafe")
        let subject = Array("mail bob@host then cafe".utf8)
        subject.withUnsafeBufferPointer { buf in
            withGroup.forEachMatch(in: buf, scratch: scratch) { _ in
                #expect(withGroup.captureRange(2, scratch: scratch) == 9..<13)
                return false
            }
            var seen = 0
            without.forEachMatch(in: buf, scratch: scratch) { r in
                seen += 1
                #expect(r == 19..<23)
                #expect(without.captureRange(1, scratch: scratch) == nil)
                #expect(without.captureRange(0, scratch: scratch) == 19..<23)
                return true
            }
            #expect(seen == 1)
        }
    }

    @Test func constructsWithoutAnEquivalentTwinGetNone() throws {
        for source in [#"\Qa.b\E"#, #"(?x) a b"#, #"a(?#note)b"#, #"(*UCP)\w"#, #"\p{L}+"#, #"[[:upper:]]"#,
                       "ſecret", "\u{212A}ey", "[a-é]", "[é-ü]x", "ı", #"\x{17f}"#, #"\x{212a}x"#] {
            let twin = ASCIITwin.source(for: source) == nil ? false : ((try? Pattern(source))?.hasASCIITwin ?? false)
            #expect(!twin, "\(source)")
        }
        #expect(ASCIITwin.source(for: "é?x") == "(?:é)?x")
        #expect(ASCIITwin.source(for: #"\é+"#) == "(?:é)+")
        #expect(ASCIITwin.source(for: "[é]?") == "[é]?")
        #expect(ASCIITwin.source(for: "[]é]") == "[]é]")
        #expect(ASCIITwin.source(for: #"(?i)a(*COMMIT)b"#) == #"(?i)a(*COMMIT)b"#)
    }

    @Test func rememberedSubjectsAreForgottenAtCheckout() throws {
        let p = try Pattern("caf[ée]")
        let pool = ScratchPool()
        var a = Array("xx cafe".utf8), b = Array("café xx".utf8)
        precondition(a.count + 1 == b.count)
        a.append(0x20)
        // Same address and length across checkouts, different bytes: no stale ASCII answer.
        var buffer = a
        let first = pool.withScratch { s in buffer.withUnsafeBufferPointer { buf in Self.collect(p, buf, s) } }
        buffer.withUnsafeMutableBufferPointer { m in for i in 0..<m.count { m[i] = b[i] } }
        let second = pool.withScratch { s in buffer.withUnsafeBufferPointer { buf in Self.collect(p, buf, s) } }
        #expect(first == [3..<7])
        #expect(second == [0..<5])
    }

    static func collect(_ p: Pattern, _ buf: UnsafeBufferPointer<UInt8>, _ s: MatchScratch) -> [Range<Int>] {
        var out: [Range<Int>] = []
        p.forEachMatch(in: buf, scratch: s) { out.append($0); return true }
        return out
    }
}
