import Foundation
import Testing
import Parapet
import ParapetRules
@testable import ParapetRegex

/// Every pattern of the default pack finds the same matches and groups through its byte-mode
/// twin as through itself, on the ASCII examples of every rule (as written and lower-cased, as
/// the canonical view holds them) and on those texts joined and cut at random. Twins with long
/// alternations are regrouped by first character (`AlternationDispatch`), so this also holds
/// that regrouping to the pack's own patterns.
struct ASCIITwinPackTests {
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

    @Test func defaultPackTwinsMatchThePatterns() throws {
        let rules = try RuleCompiler(registry: .standard).compile(DefaultPack.ruleSources).rules
        var texts: [[UInt8]] = []
        var others: [[UInt8]] = []
        for rule in rules {
            let ex = rule.spec.examples
            for e in ex.match + ex.noMatch + ex.todoMatch {
                if e.text.utf8.allSatisfy({ $0 < 0x80 }) {
                    texts.append(Array(e.text.utf8))
                    texts.append(Array(e.text.lowercased().utf8))
                } else {
                    others.append(Array(e.text.utf8))
                    others.append(Array(e.text.lowercased().utf8))
                }
            }
        }
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let a = texts.randomElement(using: &rng)!, b = texts.randomElement(using: &rng)!
            let joined = a + [0x0A] + b
            texts.append(Array(joined[Int.random(in: 0...joined.count / 2, using: &rng)...]))
        }
        var twins = 0, patterns = 0, regrouped = 0, guarded = 0, runRegrouped = 0
        for rule in rules {
            for p in rule.patterns {
                patterns += 1
                if p.runsRegrouped { runRegrouped += 1 }
                // The pattern as it runs (regrouped) against the pattern as written, on all texts.
                for t in texts + others {
                    #expect(Self.matches(p, t, twin: false) == Self.matches(p, t, twin: false, plain: true),
                            "\(rule.id) regrouped: \(String(decoding: t, as: UTF8.self).prefix(80))")
                }
                guard p.hasASCIITwin else { continue }
                twins += 1
                if let source = ASCIITwin.source(for: p.source), case let out = AlternationDispatch.rewrite(source, caseless: p.options.caseless), out != source {
                    regrouped += 1
                    // A look-ahead guard added before a regrouped alternation.
                    if out.components(separatedBy: "(?=[").count > source.components(separatedBy: "(?=[").count { guarded += 1 }
                }
                for t in texts {
                    let a = Self.matches(p, t, twin: true), b = Self.matches(p, t, twin: false, plain: true)
                    #expect(a == b, "\(rule.id): \(String(decoding: t, as: UTF8.self).prefix(80))")
                }
            }
        }
        // Most of the pack has a twin (patterns with a Kelvin sign, dotless i, \p or a
        // non-ASCII range end do not).
        #expect(twins * 10 > patterns * 8, "\(twins) of \(patterns)")
        // The long alternations (harmful goals, privileged verbs, …) are regrouped by first
        // character (`AlternationDispatch`), and those twins are among the ones checked above.
        #expect(regrouped >= 150, "\(regrouped) regrouped")
        // Those after a consumed character whose members' first characters are known (the goal
        // lists after a verb or a role) carry one look-ahead for them.
        #expect(guarded >= 150, "\(guarded) guarded")
        // The patterns themselves (non-ASCII text, and patterns without a twin) run regrouped too.
        #expect(runRegrouped >= 150, "\(runRegrouped) run regrouped")
    }
}
