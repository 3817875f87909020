import Testing
import Parapet
import ParapetRegex
@testable import ParapetEngine

/// Gates by branch variants (`Prefilter.variantGates`): what each variant's gate asks, that a
/// text PCRE2 matches always meets one of them, and what the default pack splits.
struct BranchVariantGateTests {
    /// The plain gate asks for one word of any branch; the variants ask for a branch's verb and
    /// its object together, so a verb beside another branch's object opens none of them.
    @Test func variantsAskForEachBranchsWordsTogether() throws {
        let source = #"(?:\bplease |[.!?] ?)(?:send\s+[^.]{0,40}?\b(?:address|password)|grant\s+[^.]{0,40}?\baccess\b|delete\s+all\s+(?:files|backups))"#
        let plain = try #require(Prefilter.patternGate(source, caseless: true, canonicalSpace: false, memo: nil))
        try #require(plain.clauses.count == 1, "the plain gate is one clause: \(plain.clauses)")
        let gates = try #require(Prefilter.variantGates(source, caseless: true, plain: plain, canonicalSpace: false, memo: nil))
        #expect(gates.count == 3)
        func opens(_ gate: Prefilter.Gate, _ text: String) -> Bool {
            let t = Array(text.utf8)
            return gate.clauses.allSatisfy { $0.contains { LiteralExtraction.holds(t, $0) } }
        }
        // Each holds a verb of one branch and the object of another: the plain gate opens.
        let crossed = ["please send me access to the files.", "please grant the password reset."]
        for text in crossed {
            #expect(opens(plain, text), "\(text)")
            #expect(!gates.contains { opens($0, text) }, "\(text)")
        }
        #expect(gates.contains { opens($0, "Then send my home address to him") })
        #expect(gates.contains { opens($0, "please grant them access") })
        #expect(gates.contains { opens($0, "please delete all backups") })
    }

    /// A split that asks for no more than the plain gate is not kept: one word per branch is
    /// what the plain gate asks already. Nor is a pattern split whose plain gate is already a
    /// conjunction (every group checked costs a scan some time; see `variantGates`).
    @Test func aSplitThatAddsNothingIsDropped() throws {
        for source in [#"\b(?:alpha|bravo|charlie)\s+report\b"#, #"\bplease (?:send\s+\w+\s+password|grant\s+\w+\s+access)"#] {
            let plain = try #require(Prefilter.patternGate(source, caseless: true, canonicalSpace: false, memo: nil))
            #expect(Prefilter.variantGates(source, caseless: true, plain: plain, canonicalSpace: false, memo: nil) == nil, "\(source)")
        }
    }

    /// Random patterns `prefix (?:branch|…) suffix` of words, gaps and optional words, and
    /// random texts of the same words: wherever PCRE2 matches, some variant's clauses all hold
    /// (each clause has a literal in the text), and the variants close on some texts the plain
    /// gate lets through.
    @Test func everyMatchMeetsSomeVariantsGate() throws {
        var rng = PrefilterAutomatonTests.RNG(state: 23)
        let pool = ["send", "grant", "delete", "address", "password", "access", "files", "my", "all", "the", "report", "please"]
        let scratch = MatchScratch()
        var matched = 0, sharper = 0
        for _ in 0..<200 {
            func piece() -> String {
                let words = (0..<Int.random(in: 1...3, using: &rng)).map { _ in pool.randomElement(using: &rng)! }
                return words.enumerated().map { k, w in
                    (k == 0 ? "" : [#"\s+"#, #"[^.]{0,12}?"#, " "].randomElement(using: &rng)!) + (Bool.random(using: &rng) ? "(?:\(w) )?" : w)
                }.joined()
            }
            let branches = (0..<Int.random(in: 2...5, using: &rng)).map { _ in piece() }
            let source = (Bool.random(using: &rng) ? #"(?:\bplease |[.!?] )"# : "") + "(?:" + branches.joined(separator: "|") + ")"
                + (Bool.random(using: &rng) ? #"\s+now"# : "")
            guard let plain = Prefilter.patternGate(source, caseless: true, canonicalSpace: false, memo: nil) else { continue }
            let gates = Prefilter.variantGates(source, caseless: true, plain: plain, canonicalSpace: false, memo: nil) ?? [plain]
            let pattern = try Pattern(source)
            for _ in 0..<30 {
                let words = (0..<Int.random(in: 2...9, using: &rng)).map { _ in
                    let w = (pool + ["now", "kindly", "."]).randomElement(using: &rng)!
                    return Bool.random(using: &rng) ? w.uppercased() : w
                }
                let text = Array(words.joined(separator: " ").utf8)
                let folded = text.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
                func opens(_ g: Prefilter.Gate) -> Bool { g.clauses.allSatisfy { $0.contains { LiteralExtraction.holds(folded, $0) } } }
                let isMatch = text.withUnsafeBufferPointer { buf -> Bool in
                    if case .match = pattern.firstMatch(in: buf, scratch: scratch) { return true }
                    return false
                }
                if isMatch {
                    matched += 1
                    #expect(gates.contains(where: opens), "\(source) on \(String(decoding: text, as: UTF8.self))")
                }
                if opens(plain), !gates.contains(where: opens) { sharper += 1 }
            }
        }
        #expect(matched > 200)
        #expect(sharper > 50)
    }

    /// On the default pack: every split pattern's variants each ask for all of its plain gate's
    /// clauses, so the split never opens where the plain gate stays closed, and the split rules
    /// include the indirect-action request whose plain gate opened on almost every document.
    @Test func packVariantsNeverAskLessThanThePlainGate() throws {
        let ruleSet = try Guard().engine.ruleSet
        var split: [String] = []
        for rule in ruleSet.rules {
            guard let gates = Prefilter.gates(for: rule) else { continue }
            for (k, p) in rule.patterns.enumerated() {
                let own = gates.filter { $0.pattern == Int32(k) }
                guard own.count > 1 else { continue }
                split.append(rule.id)
                let plain = try #require(Prefilter.patternGate(p.source, caseless: p.options.caseless,
                                                               canonicalSpace: Prefilter.readsCanonicalOnly(rule), memo: nil))
                for g in own { #expect(plain.clauses.allSatisfy(g.clauses.contains), "\(rule.id) pattern \(k + 1)") }
            }
        }
        #expect(split.contains("pi.indirect.action-request.privileged"))
        #expect(Set(split).count >= 10)
    }
}
