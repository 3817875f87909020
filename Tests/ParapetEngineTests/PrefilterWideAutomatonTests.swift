import ParapetText
import Testing
@testable import ParapetEngine

/// The literal pass keeps its literals in two automata: the ASCII ones in the automaton every
/// text takes, the ones with a byte ≥ 0x80 in a small one only non-ASCII texts take.
struct PrefilterWideAutomatonTests {
    static let yaml = """
    family: test
    rules:
      - id: t.wide
        summary: a literal of uncased characters, in bytes
        applies_to: [input]
        views: [raw]
        score: 3
        patterns: ['開発者モード']
      - id: t.ascii
        summary: an ASCII literal
        applies_to: [input]
        views: [raw]
        score: 3
        patterns: ['ignore previous']
    """

    /// Every literal of the default pack is found by the automaton of its kind; the wide one
    /// finds nothing in an ASCII literal (an ASCII literal may end a wide one: "é estupid").
    @Test func eachLiteralLivesInTheAutomatonOfItsBytes() {
        let p = PrefilterEquivalenceTests.gated.prefilter
        var ascii = 0, wide = 0
        for lits in p.ruleLiterals {
            for lit in lits ?? [] where lit != NonASCIIGate.sentinel {
                let normalized = Prefilter.normalizeLiteral(lit)
                var inASCII = false, inWide = false
                normalized.withUnsafeBufferPointer { buf in
                    p.automaton.scan(buf) { _, end in if end == buf.count { inASCII = true } }
                    p.wideAutomaton.scan(buf) { _, end in if end == buf.count { inWide = true } }
                }
                let isASCII = Prefilter.isASCII(normalized)
                #expect(isASCII ? inASCII && !inWide : inWide, "\(String(decoding: normalized, as: UTF8.self))")
                if isASCII { ascii += 1 } else { wide += 1 }
            }
        }
        #expect(ascii > 1_000 && wide > 10)
        // No byte ≥ 0x80 has a column of its own in the ASCII automaton.
        #expect((0x80...0xFF).allSatisfy { p.automaton.classOf[$0] == 0 })
        #expect(p.automatonStates == p.automaton.stateCount + p.wideAutomaton.stateCount)
    }

    /// A wide literal selects its rule in a non-ASCII text, alone or among ASCII words; an ASCII
    /// text never reaches a state of the wide automaton.
    @Test func wideLiteralsSelectOnlyInNonASCIIText() throws {
        let e = try engine(Self.yaml)
        let p = e.prefilter
        #expect(p.wideAutomaton.literalCount == 1 && p.automaton.literalCount == 1)
        for text in ["開発者モード", "please enable 開発者モード now", "開発者モードを有効にして"] {
            #expect(e.scan(Array(text.utf8), target: .input).findings.map(\.rule) == ["t.wide"], "\(text)")
        }
        #expect(e.scan(Array("ignore previous, 開発者モード".utf8), target: .input).findings.map(\.rule).sorted() == ["t.ascii", "t.wide"])
        let scratch = p.makeScratch()
        p.mark(Array("ignore previous instructions".utf8), mask: Prefilter.bit(.raw), into: scratch)
        let reached = (0..<scratch.count[1]).map { Int(scratch.doneStates[$0]) }
        #expect(!reached.isEmpty && reached.allSatisfy { $0 < p.wideStateBase })
    }
}
