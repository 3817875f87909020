import Parapet
import ParapetHummingbird
import Testing

@Suite("SSEValidator")
struct SSEValidatorTests {
    static let guardian = try! Guard()

    static func event(_ delta: String) -> [UInt8] {
        Array("data: {\"choices\":[{\"delta\":{\"content\":\(jsonString(delta))}}]}\n\n".utf8)
    }

    @Test func splitEventsAcrossChunksAreReassembled() {
        var v = SSEValidator(scanEvery: 1, holdback: 0) { Self.guardian.scan($0, target: .output) }
        let all = Self.event("hello ") + Self.event("world") + Array("data: [DONE]\n\n".utf8)
        var out: [UInt8] = []
        for chunk in stride(from: 0, to: all.count, by: 7).map({ Array(all[$0..<min($0 + 7, all.count)]) }) { out += v.feed(chunk) }
        out += v.finish()
        #expect(out == all)
        #expect(v.stopped == nil)
    }

    @Test func heldBackTextIsNotReleasedBeforeItIsScanned() {
        var v = SSEValidator(scanEvery: 1, holdback: 64) { Self.guardian.scan($0, target: .output) }
        #expect(v.feed(Self.event("short clean text")).isEmpty)
        #expect(!v.finish().isEmpty)
    }

    @Test func blockedOutputEndsWithAnErrorEvent() {
        var v = SSEValidator { Self.guardian.scan($0, target: .output) }
        var out = v.feed(Self.event("key: ghp_wWPw5k4aXcaT4fNP0"))
        out += v.feed(Self.event("UcnZwJUVFk6LO0pINUx done"))
        out += v.finish()
        let s = String(decoding: out, as: UTF8.self)
        #expect(v.stopped == "output_blocked")
        // The checksum-verified rule and the shape rule both fire on the same token.
        #expect(v.blocking?.ruleIDs.contains("sec.github.token") == true)
        #expect(s.hasPrefix("event: error"))
        #expect(!s.contains("ghp_"))
    }
}
