import Testing
@testable import ParapetRegex

@Suite struct PatternTests {
    @Test func matchesAndReportsByteRange() throws {
        let p = try Pattern(#"ignore\s+previous"#)
        #expect(p.isJIT)
        #expect(p.firstMatch(in: "Please IGNORE previous text") == .match(7..<22))
        #expect(p.firstMatch(in: "nothing here") == .noMatch)
    }

    @Test func lazyPatternJITCompilesOnFirstMatchFromManyThreadsAtOnce() async throws {
        let p = try Pattern(#"ign[o0]re\s+(?:all\s+)?previous"#, jit: .lazy)
        #expect(!p.jitAttempted)
        // "please " is 7 bytes, "IGNORE all previous" 19.
        let all = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<16 { group.addTask { p.firstMatch(in: "please IGNORE all previous rules") == .match(7..<26) } }
            var ok = true
            for await r in group { ok = ok && r }
            return ok
        }
        #expect(all)
        #expect(p.jitAttempted)
        #expect(p.isJIT)
    }

    @Test func lazyPatternStillReportsSyntaxErrorsAtInit() {
        #expect(throws: PatternError.self) { try Pattern("abc(def", jit: .lazy) }
    }

    @Test func byteOffsetsAreUTF8() throws {
        let p = try Pattern("world")
        // "héllo " is 7 bytes in UTF-8.
        #expect(p.firstMatch(in: "héllo world") == .match(7..<12))
    }

    @Test func invalidPatternReportsOffset() {
        #expect(throws: PatternError.self) { try Pattern("abc(def") }
        do { _ = try Pattern("ab[c") } catch { #expect(error.offset == 4) }
    }

    @Test func invalidUTF8SubjectDoesNotCrash() throws {
        let p = try Pattern("abc")
        let scratch = MatchScratch()
        let bytes: [UInt8] = [0xFF, 0xFE, 0x61, 0x62, 0x63, 0xC3]
        let r = bytes.withUnsafeBufferPointer { p.firstMatch(in: $0, scratch: scratch) }
        #expect(r == .match(2..<5))
    }

    @Test func catastrophicBacktrackingHitsALimitNotNoMatch() throws {
        let p = try Pattern("(a+)+$")
        let subject = String(repeating: "a", count: 40) + "!"
        let r = p.firstMatch(in: subject, limits: MatchLimits(matchLimit: 10_000))
        guard case .limit = r else {
            Issue.record("expected a limit hit, got \(r)")
            return
        }
    }

    @Test func forEachMatchAdvancesOverEmptyMatchesOnCharacterBoundaries() throws {
        let p = try Pattern("x*")
        var ranges: [Range<Int>] = []
        let bytes = Array("éx".utf8)
        bytes.withUnsafeBufferPointer { buf in
            p.forEachMatch(in: buf, scratch: MatchScratch()) { ranges.append($0); return true }
        }
        #expect(ranges.contains(2..<3))
        #expect(!ranges.contains { $0.lowerBound == 1 })
    }
}
