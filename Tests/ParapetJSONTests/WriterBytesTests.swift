import Testing
@testable import ParapetJSON

/// The byte-level writer paths must give exactly what the String paths give.
@Suite struct WriterBytesTests {
    /// Random bytes (escapes, control bytes, ASCII, UTF-8 pieces and invalid bytes) at many
    /// lengths, so the eight-byte steps, the tails and the non-ASCII fallback are all reached.
    @Test func writingBytesMatchesWritingTheDecodedString() {
        let alphabet: [UInt8] = [0x00, 0x01, 0x09, 0x0A, 0x0D, 0x1F, 0x20, 0x22, 0x2F, 0x41, 0x5C, 0x61, 0x7E, 0x7F,
                                 0xC3, 0xA9, 0xE2, 0x80, 0x99, 0xFF, 0xFE]
        var state: UInt64 = 0xE5C
        for round in 0..<5_000 {
            let asciiOnly = round % 2 == 0
            let bytes = (0..<(round % 70)).map { _ -> UInt8 in
                state = state &* 6364136223846793005 &+ 1442695040888963407
                let c = alphabet[Int(state >> 33) % alphabet.count]
                return asciiOnly ? c & 0x7F : c
            }
            var a = JSONWriter(), b = JSONWriter()
            a.writeString(decoding: bytes)
            b.writeString(String(decoding: bytes, as: UTF8.self))
            #expect(a.bytes == b.bytes, "\(bytes)")
        }
    }

    /// Integers are written as `String(n)` writes them, at the edges of the digit loop too.
    @Test func integersAreWrittenAsDecimalText() {
        var state: UInt64 = 0x1234
        var values = [0, 9, 10, -1, -9, -10, 99, 100, Int.max, Int.min, Int.min + 1]
        for _ in 0..<2_000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            values.append(Int(bitPattern: UInt(state)) >> Int(state % 63))
        }
        for n in values {
            var w = JSONWriter()
            w.beginArray(); w.writeNumber(n); w.writeNumber(n); w.endArray()
            #expect(w.string == "[\(n),\(n)]")
        }
    }

    /// A member name or string value made once writes the bytes `key(_:)` and `writeString(_:)`
    /// write, first in an object or after another member, names that need escapes included.
    @Test func keysAndTextsMadeOnceWriteWhatTheStringPathsWrite() {
        for name in ["decision", "fail_mode", "", "quo\"te", "back\\slash", "tab\there", "é", "\u{1}"] {
            var a = JSONWriter(), b = JSONWriter()
            a.beginObject(); a.key(JSONKey(name)); a.writeString(JSONText(name)); a.key(JSONKey(name)); a.writeNumber(1); a.endObject()
            b.beginObject(); b.key(name); b.writeString(name); b.key(name); b.writeNumber(1); b.endObject()
            #expect(a.bytes == b.bytes, "\(name.debugDescription)")
            var c = JSONWriter(), d = JSONWriter()
            c.beginArray(); c.writeString(JSONText(name)); c.writeString(JSONText(name)); c.endArray()
            d.beginArray(); d.writeString(name); d.writeString(name); d.endArray()
            #expect(c.bytes == d.bytes, "\(name.debugDescription)")
        }
    }

    @Test func resetStartsAFreshDocument() {
        var w = JSONWriter()
        w.beginObject(); w.key("a"); w.writeNumber(1); w.key("b")
        w.reset()
        w.beginObject(); w.key("c"); w.writeString(decoding: Array("x\"y".utf8)); w.endObject()
        #expect(w.string == "{\"c\":\"x\\\"y\"}")
    }
}
