import Testing
@testable import ParapetJSON

/// `parseMembers` must agree with `parseObject` on every input: the same members (once decoded),
/// or the same error, under the default limits and under tight ones.
@Suite struct MembersTests {
    private func members(_ bytes: [UInt8], _ limits: JSONLimits = .default) -> Result<[JSONMember], JSONError> {
        bytes.withUnsafeBufferPointer { p in Result { () throws(JSONError) in try JSONParser.parseMembers(p, limits: limits) } }
    }

    private func decoded(_ bytes: [UInt8], _ members: [JSONMember]) -> [(key: String, value: JSONValue)] {
        bytes.withUnsafeBufferPointer { p in members.map { (key: $0.key, value: $0.decoded(in: p)) } }
    }

    /// Fails the test when the two parsers disagree on `bytes`.
    private func expectSame(_ bytes: [UInt8], _ limits: JSONLimits = .default, _ sourceLocation: SourceLocation = #_sourceLocation) {
        let expected = Result { () throws(JSONError) in try JSONParser.parseObject(bytes, limits: limits) }
        switch (expected, members(bytes, limits)) {
        case let (.success(a), .success(b)):
            #expect(JSONValue.object(a) == JSONValue.object(decoded(bytes, b)), "\(String(decoding: bytes, as: UTF8.self))", sourceLocation: sourceLocation)
        case let (.failure(a), .failure(b)):
            #expect(a == b, "\(String(decoding: bytes, as: UTF8.self))", sourceLocation: sourceLocation)
        case let (a, b):
            Issue.record("parseObject: \(a), parseMembers: \(b) on \(String(decoding: bytes, as: UTF8.self))", sourceLocation: sourceLocation)
        }
    }

    @Test func stringsKeepTheirPlaceInTheInput() throws {
        let line = Array(#" {"id":7, "text" : "plain text é", "esc":"a\nb", "n":[1,{"x":"y"}]} "#.utf8)
        guard case .success(let m) = members(line) else { Issue.record("did not parse"); return }
        #expect(m.map(\.key) == ["id", "text", "esc", "n"])
        guard case .string(let r, nil, true) = m[1].value else { Issue.record("text: \(m[1].value)"); return }
        #expect(Array(line[r]) == Array("plain text é".utf8))
        #expect(line[r.lowerBound - 1] == UInt8(ascii: "\"") && line[r.upperBound] == UInt8(ascii: "\""))
        guard case .string(let e, let escaped?, true) = m[2].value else { Issue.record("esc: \(m[2].value)"); return }
        #expect(escaped == Array("a\nb".utf8))
        #expect(String(decoding: line[e], as: UTF8.self) == #"a\nb"#)
        guard case .parsed(.number("7")) = m[0].value else { Issue.record("id: \(m[0].value)"); return }
    }

    /// Whatever the writer writes comes back as the same text, with the token itself as the
    /// text's JSON form; any escape the writer never writes, or invalid UTF-8, withholds it.
    @Test func writerTokensAreEchoedAndOthersAreNot() {
        let alphabet: [String] = ["a", "Z", " ", "\"", "\\", "\n", "\r", "\t", "\u{01}", "\u{1F}", "/", "é", "☕", "😀", "\u{7F}"]
        var rng = SplitMix64(seed: 8)
        for _ in 0..<2_000 {
            let text = (0..<Int(rng.next() % 12)).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }.joined()
            var w = JSONWriter()
            w.beginObject(); w.key("t"); w.writeString(text); w.endObject()
            let token = Array(w.bytes.dropFirst(5).dropLast())
            let echoed = w.bytes.withUnsafeBufferPointer { p -> (utf8: [UInt8], json: [UInt8]?)? in
                guard case .success(let m) = members(w.bytes), let s = m[0].stringBytes(in: p) else { return nil }
                return (s.utf8, s.json.map(Array.init))
            }
            #expect(echoed?.utf8 == Array(text.utf8))
            #expect(echoed?.json == token, "\(text.debugDescription)")
        }
        let withheld: [(json: [UInt8], text: String)] = [
            (Array(#"{"t":"a\/b"}"#.utf8), "a/b"), (Array(#"{"t":"\u0041"}"#.utf8), "A"),
            (Array(#"{"t":"x\by\f"}"#.utf8), "x\u{08}y\u{0C}"), (Array(#"{"t":"\u001F"}"#.utf8), "\u{1F}"),
            (Array(#"{"t":"\u000a"}"#.utf8), "\n"), (Array(#"{"t":"\f"}"#.utf8), "\u{0C}"), (Array(#"{"t":"\ud83d\ude00"}"#.utf8), "😀"),
            ([0x7B, 0x22, 0x74, 0x22, 0x3A, 0x22, 0xC3, 0x22, 0x7D], "\u{FFFD}"),
            ([0x7B, 0x22, 0x74, 0x22, 0x3A, 0x22, 0x5C, 0x6E, 0xFF, 0x22, 0x7D], "\n\u{FFFD}"),
        ]
        for (json, text) in withheld {
            json.withUnsafeBufferPointer { p in
                guard case .success(let m) = members(json), let s = m[0].stringBytes(in: p) else { Issue.record("\(text)"); return }
                #expect(s.utf8 == Array(text.utf8))
                #expect(s.json == nil, "\(text.debugDescription)")
            }
        }
    }

    @Test func handPickedInputsAgree() {
        let inputs = [
            "{}", " { } ", "", "   ", "[]", "\"s\"", "12", "{\"a\":1,}", "{\"a\" 1}", "{\"a\":}", "{\"a\":\"x\"} x",
            "{\"a\":\"x", "{\"a\":\"x\\", "{\"a\":\"\u{01}\"}", "{\"a\":\"\\q\"}", "{\"a\":\"\\u12\"}", "{1:2}",
            "{\"a\":[[[]]]}", "{\"a\":{\"b\":{}}}", "{\"a\":1,\"a\":2}", "{\"t\":\"\\ud800\"}", "\u{FEFF}{}",
        ]
        for s in inputs { expectSame(Array(s.utf8)) }
        expectSame([0x7B, 0x22, 0x74, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0xFF, 0x22, 0x7D])  // invalid UTF-8 in a plain string
    }

    @Test func limitsAgree() {
        let line = Array(#"{"id":1,"text":"hello there","tags":[1,[2,[3]]],"o":{"k":"v"}}"#.utf8)
        let tight: [JSONLimits] = [
            JSONLimits(maxDepth: 0), JSONLimits(maxDepth: 1), JSONLimits(maxDepth: 2), JSONLimits(maxDepth: 3),
            JSONLimits(maxBytes: 20), JSONLimits(maxStringBytes: 4), JSONLimits(maxStringBytes: 11),
            JSONLimits(maxContainerCount: 2), JSONLimits(maxContainerCount: 3), JSONLimits(maxValueCount: 2),
            JSONLimits(maxValueCount: 9), JSONLimits(maxNumberBytes: 0),
        ]
        for limits in tight { expectSame(line, limits) }
    }

    @Test func mutatedLinesAgree() {
        let seeds = [
            #"{"id":1,"text":"hello \u00e9 \ud83d\ude00 world","target":"input","paranoia":2}"#,
            #"{"id":"a\"b","text":"plain words here","meta":{"tags":[true,false,null,-1.5e3]}}"#,
            #"{"text":"line\nbreak \"quoted\" and \\ back","id":null}"#,
        ]
        let interesting: [UInt8] = [0x00, 0x22, 0x5C, 0x5B, 0x5D, 0x7B, 0x7D, 0x2C, 0x3A, 0x80, 0xC3, 0xFF, 0x75, 0x20]
        var rng = SplitMix64(seed: 29)
        for seed in seeds {
            let original = Array(seed.utf8)
            for round in 0..<2_000 {
                var bytes = original
                for _ in 0..<(1 + Int(rng.next() % 3)) { rng.edit(&bytes, interesting: interesting, anyInsert: false) }
                let limits = round % 4 == 0 ? JSONLimits(maxDepth: 2, maxStringBytes: 12, maxContainerCount: 3, maxValueCount: 6) : .default
                expectSame(bytes, limits)
            }
        }
    }
}
