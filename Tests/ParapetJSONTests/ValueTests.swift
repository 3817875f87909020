import Testing
@testable import ParapetJSON

@Suite struct ValueTests {
    @Test func subscriptLastDuplicateWins() throws {
        let v = try JSONParser.parse("{\"a\":1,\"b\":2,\"a\":3}")
        #expect(v[key: "a"] == .number("3"))
        #expect(v[key: "b"] == .number("2"))
        #expect(v[key: "c"] == nil)
        #expect(v.objectValue?.count == 3)
        #expect(JSONValue.array([1])[key: "a"] == nil)
        #expect(JSONValue.array([1, 2])[index: 1] == .number("2"))
        #expect(JSONValue.array([1, 2])[index: 2] == nil)
    }

    @Test func typedAccessors() throws {
        #expect(JSONValue.string("s").stringValue == "s")
        #expect(JSONValue.number("1").stringValue == nil)
        #expect(JSONValue.bool(true).boolValue == true)
        #expect(JSONValue.null.boolValue == nil)
        #expect(JSONValue.null.isNull)
        #expect(JSONValue.number("1.50e+3").doubleValue == 1500)
        #expect(JSONValue.number("1.50e+3").intValue == 1500)
        #expect(JSONValue.number("-42").intValue == -42)
        #expect(JSONValue.number("2.0").intValue == 2)
        #expect(JSONValue.number("1.5").intValue == nil)
        #expect(JSONValue.number("1e30").intValue == nil)
        #expect(JSONValue.number("9007199254740993").intValue == 9_007_199_254_740_993)
        #expect(JSONValue.string("1").intValue == nil)
        #expect(JSONValue.array([1]).arrayValue == [1])
    }

    @Test(arguments: [
        ("null", "null"), ("false", "boolean"), ("0", "number"), ("\"\"", "string"),
        ("[]", "array"), ("{}", "object"),
    ])
    func typeNames(_ input: String, _ name: String) throws {
        #expect(try JSONParser.parse(input).typeName == name)
    }

    @Test func equalityIsStructuralAndOrdered() {
        let ab: JSONValue = ["a": 1, "b": 2]
        #expect(ab == ["a": 1, "b": 2])
        #expect(ab != ["b": 2, "a": 1])
        #expect(ab != ["a": 1])
        #expect(ab != ["a": 1, "b": 3])
        #expect(JSONValue.number("1.0") != JSONValue.number("1"))
        #expect(JSONValue.array([]) != JSONValue.object([]))
        #expect(JSONValue.null != JSONValue.bool(false))
    }

    @Test func doubleInitializer() {
        #expect(JSONValue(1.5) == .number("1.5"))
        #expect(JSONValue(Double.nan) == .null)
        #expect(JSONValue(-Double.infinity) == .null)
        #expect(JSONValue(42) == .number("42"))
    }
}
