import Testing
@testable import ParapetJSON

@Suite struct LimitTests {
    private func kind(_ input: String, _ limits: JSONLimits = .default) -> JSONError.Kind? {
        do { _ = try JSONParser.parse(input, limits: limits); return nil } catch { return error.kind }
    }

    @Test func deepNestingIsRejectedWithoutRecursion() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(throws: JSONError(kind: .depthLimit, offset: 64, message: "nesting deeper than 64 at byte 64")) {
            try JSONParser.parse(deep)
        }
        let deepObjects = String(repeating: "{\"a\":", count: 10_000)
        #expect(kind(deepObjects) == .depthLimit)
    }

    @Test func depthLimitIsExact() throws {
        let ok = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect(try JSONParser.parse(ok).arrayValue != nil)
        let over = "[" + ok + "]"
        #expect(kind(over) == .depthLimit)
        #expect(kind("[[1]]", JSONLimits(maxDepth: 1)) == .depthLimit)
        #expect(kind("1", JSONLimits(maxDepth: 0)) == nil)
    }

    @Test func iterativeParserHandlesHugeDepthWhenAllowed() throws {
        // Kept moderate: releasing a deeply nested result is itself recursive in Swift.
        let n = 5_000
        let deep = String(repeating: "[", count: n) + "\"x\"" + String(repeating: "]", count: n)
        var value = try JSONParser.parse(deep, limits: JSONLimits(maxDepth: n))
        var depth = 0
        while case .array(let items) = value, items.count == 1 {
            value = items[0]
            depth += 1
        }
        #expect(depth == n)
        #expect(value == .string("x"))
    }

    @Test func sizeLimit() {
        #expect(kind("[1,2,3]", JSONLimits(maxBytes: 6)) == .sizeLimit)
        #expect(kind("[1,2,3]", JSONLimits(maxBytes: 7)) == nil)
    }

    @Test func stringLimitCoversFastAndEscapePaths() {
        let limits = JSONLimits(maxStringBytes: 4)
        #expect(kind("\"abcd\"", limits) == nil)
        #expect(kind("\"abcde\"", limits) == .stringLimit)
        #expect(kind("\"ab\\ncd\"", limits) == .stringLimit)
        #expect(kind("{\"abcde\":1}", limits) == .stringLimit)
        #expect(throws: JSONError(kind: .stringLimit, offset: 1,
                                  message: "string longer than 4 bytes at byte 1")) {
            try JSONParser.parse("[\"abcdef\"]", limits: limits)
        }
    }

    @Test func numberContainerAndValueLimits() {
        #expect(kind("12345", JSONLimits(maxNumberBytes: 4)) == .numberLimit)
        #expect(kind("[1,2,3]", JSONLimits(maxContainerCount: 2)) == .containerLimit)
        #expect(kind("{\"a\":1,\"b\":2}", JSONLimits(maxContainerCount: 1)) == .containerLimit)
        #expect(kind("[1,2]", JSONLimits(maxContainerCount: 2)) == nil)
        #expect(kind("[[1],[2]]", JSONLimits(maxValueCount: 4)) == .valueLimit)
        #expect(kind("[[1],[2]]", JSONLimits(maxValueCount: 5)) == nil)
    }
}
