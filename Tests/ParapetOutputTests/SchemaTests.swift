import Testing
import ParapetOutput

private let schema = try! JSONSchema("""
{"type": "object", "required": ["id", "items"], "additionalProperties": false,
 "properties": {
   "id": {"type": "string", "pattern": "^ord_[a-z0-9]{6}$"},
   "status": {"enum": ["open", "paid"]},
   "items": {"type": "array", "minItems": 1, "items": {
       "type": "object", "required": ["sku", "price"],
       "properties": {"sku": {"type": "string", "minLength": 3, "maxLength": 8},
                      "price": {"type": "number", "minimum": 0, "exclusiveMaximum": 10000},
                      "qty": {"type": "integer", "minimum": 1}}}}}}
""")

@Test func validDocumentHasNoViolations() {
    #expect(schema.validate(#"{"id": "ord_a1b2c3", "status": "paid", "items": [{"sku": "abc", "price": 9.5, "qty": 2}]}"#) == [])
}

@Test func violationsCarryPathsToTheOffendingValue() {
    let doc = #"{"id": "ORD-1", "status": "lost", "extra": 1, "items": [{"sku": "abc", "price": 1}, {"sku": "ab", "price": 1}, {"sku": "abcd", "price": 1}, {"sku": "abcd", "price": -3, "qty": 1.5}]}"#
    let paths = Set(schema.validate(doc).map(\.path))
    #expect(paths == ["$.id", "$.status", "$.extra", "$.items[1].sku", "$.items[3].price", "$.items[3].qty"])
}

@Test func missingRequiredAndWrongTypesAreReported() {
    let v = schema.validate(#"{"items": "none"}"#)
    #expect(v.contains { $0.path == "$" && $0.message.contains("'id'") })
    #expect(v.contains { $0.path == "$.items" && $0.message.contains("expected array") })
    #expect(schema.validate("not json").first?.path == "$")
}

@Test func badSchemasAreRejectedAtCompileTime() {
    #expect(throws: SchemaError.self) { try JSONSchema(#"{"type": "strng"}"#) }
    #expect(throws: SchemaError.self) { try JSONSchema(#"{"pattern": "(unclosed"}"#) }
}
