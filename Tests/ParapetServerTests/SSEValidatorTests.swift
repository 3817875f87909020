import Parapet
import ParapetHummingbird
import Testing

@Suite("SSEValidator")
struct SSEValidatorTests {
    static let guardian = try! Guard()

    static func event(_ delta: String) -> [UInt8] {
        Array("data: {\"choices\":[{\"delta\":{\"content\":\(jsonString(delta))}}]}\n\n".utf8)
    }

    static let done = Array("data: [DONE]\n\n".utf8)

    @Test func splitEventsAcrossChunksAreReassembled() {
        var v = SSEValidator(guard: Self.guardian)
        let all = Self.event("hello ") + Self.event("world") + Self.done
        var out: [UInt8] = []
        for chunk in stride(from: 0, to: all.count, by: 7).map({ Array(all[$0..<min($0 + 7, all.count)]) }) { out += v.feed(chunk) }
        out += v.finish()
        #expect(out == all)
        #expect(v.stopped == nil)
    }

    @Test func heldBackTextIsNotReleasedBeforeItIsValidated() {
        var v = SSEValidator(guard: Self.guardian)
        #expect(v.holdBack > 0)
        #expect(v.feed(Self.event("short clean text")).isEmpty)
        #expect(!v.finish().isEmpty)
    }

    @Test func longCleanStreamIsReleasedAsItGoesAndUnchanged() {
        var v = SSEValidator(guard: Self.guardian)
        var all: [UInt8] = []
        var out: [UInt8] = []
        var releasedBeforeEnd = 0
        for i in 0..<2_000 {
            let e = Self.event("word\(i) and some ordinary prose; ")
            all += e
            out += v.feed(e)
        }
        releasedBeforeEnd = out.count
        all += Self.done
        out += v.feed(Self.done)
        out += v.finish()
        #expect(out == all)
        // Everything but about one hold-back of text (plus event framing) left before the end.
        #expect(releasedBeforeEnd > all.count - 4 * v.holdBack)
    }

    @Test func blockedOutputEndsWithAnErrorEvent() {
        var v = SSEValidator(guard: Self.guardian)
        var out = v.feed(Self.event("key: ghp_wWPw5k4aXcaT4fNP0"))
        out += v.feed(Self.event("UcnZwJUVFk6LO0pINUx done"))
        out += v.finish()
        let s = String(decoding: out, as: UTF8.self)
        #expect(v.stopped == "output_blocked")
        #expect(v.blocking?.ruleIDs.contains("sec.github.token") == true)
        #expect(s.hasPrefix("event: error"))
        #expect(!s.contains("ghp_"))
    }

    @Test func secretLateInALongStreamNeverLeaves() {
        var v = SSEValidator(guard: Self.guardian)
        var out: [UInt8] = []
        for i in 0..<500 { out += v.feed(Self.event("line \(i) of a long and clean answer. ")) }
        let cleanSoFar = out.count
        #expect(cleanSoFar > 0)
        out += v.feed(Self.event("and the key is ghp_wWPw5k4aX"))
        out += v.feed(Self.event("caT4fNP0UcnZwJUVFk6LO0pINUx ok"))
        for i in 0..<500 { out += v.feed(Self.event("more text \(i). ")) }
        out += v.finish()
        let s = String(decoding: out, as: UTF8.self)
        #expect(v.stopped == "output_blocked")
        #expect(!s.contains("ghp_"))
        #expect(!s.contains("more text"))
        #expect(s.contains("event: error"))
    }

    @Test func upstreamThatNeverEndsAnEventIsCut() {
        var v = SSEValidator(guard: Self.guardian, maxOutputBytes: 4_096)
        var out: [UInt8] = []
        for _ in 0..<100 { out += v.feed(Array("data: xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx".utf8)) }
        #expect(v.stopped == "output_too_long")
        #expect(String(decoding: out, as: UTF8.self).hasPrefix("event: error"))
    }
}
