import Testing
@testable import ParapetJSON

@Suite struct WriterTests {
    @Test func escapesOnlyWhatJSONRequires() {
        var w = JSONWriter()
        w.writeString("q\"b\\n\nt\tr\r\u{0}\u{1F}\u{7F}é😀/")
        #expect(w.string == "\"q\\\"b\\\\n\\nt\\tr\\r\\u0000\\u001f\u{7F}é😀/\"")
    }

    @Test func buildsObjectsWithCommas() {
        var w = JSONWriter()
        w.beginObject()
        w.key("id"); w.writeNumber(7)
        w.key("tags"); w.beginArray(); w.writeString("a"); w.writeBool(false); w.writeNull(); w.endArray()
        w.key("empty"); w.beginObject(); w.endObject()
        w.key("x"); w.writeNumber(0.25)
        w.key("bad"); w.writeNumber(Double.nan)
        w.endObject()
        #expect(w.string == "{\"id\":7,\"tags\":[\"a\",false,null],\"empty\":{},\"x\":0.25,\"bad\":null}")
    }

    @Test func topLevelSequenceForJSONLinesIsSeparatedByCaller() {
        var w = JSONWriter()
        w.beginArray(); w.beginArray(); w.endArray(); w.beginObject(); w.endObject(); w.endArray()
        #expect(w.string == "[[],{}]")
    }

    @Test func invalidNumberTextIsWrittenAsNull() {
        #expect(JSONValue.array([.number("abc"), .number("01"), .number(""), .number("-1.5E+2")]).serialized()
                == "[null,null,null,-1.5E+2]")
    }

    @Test func replacementCharactersFromBadInputSerializeValidly() throws {
        let parsed = try JSONParser.parse([0x22, 0xFF, 0x5C, 0x75, 0x64, 0x38, 0x30, 0x30, 0x22])
        #expect(parsed == .string("\u{FFFD}\u{FFFD}"))
        let text = parsed.serialized()
        #expect(text == "\"\u{FFFD}\u{FFFD}\"")
        #expect(try JSONParser.parse(text) == parsed)
    }

    @Test func deepUserBuiltValueSerializesIteratively() {
        var v: JSONValue = .null
        for _ in 0..<2_000 { v = .array([v]) }
        let text = v.serialized()
        #expect(text == String(repeating: "[", count: 2_000) + "null" + String(repeating: "]", count: 2_000))
    }
}
