import FuzzCommon
import Parapet
import ParapetJSON

// The JSONL front end's per-line path: strict parse with limits, field extraction as the CLI
// does it, scan, and the verdict written back as JSON that must parse again.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONL(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let line = fuzzBytes(data, count)
    let limits = JSONLimits(maxDepth: 16, maxBytes: 1 << 16, maxStringBytes: 1 << 14, maxNumberBytes: 64, maxContainerCount: 512, maxValueCount: 4096)
    let fields: [(key: String, value: JSONValue)]
    do {
        fields = try JSONParser.parseObject(line, limits: limits)
    } catch {
        require(error.offset >= 0 && error.offset <= line.count, "error offset \(error.offset) outside the line of \(line.count)")
        return 0
    }
    let object = JSONValue.object(fields)
    // What the parser returns must serialize and parse back to the same value.
    let again = try? JSONParser.parse(object.serialized(), limits: JSONLimits())
    require(again == object, "round trip changed the object")
    guard let text = object[key: "text"]?.stringValue else { return 0 }
    var target = Target.input
    if let t = object[key: "target"]?.stringValue, let parsed = Target(rawValue: t) { target = parsed }
    let original = Array(text.utf8)
    let engine = FuzzEngines.tight
    let verdict = engine.scan(original, target: target)
    checkVerdict(verdict, input: original, config: engine.config)
    var w = JSONWriter()
    w.beginObject()
    w.key("id"); if let id = object[key: "id"] { w.writeValue(id) } else { w.writeNull() }
    verdict.writeFields(to: &w, original: original)
    w.endObject()
    do {
        _ = try JSONParser.parseObject(w.bytes, limits: JSONLimits())
    } catch {
        require(false, "verdict line does not parse: \(error.message)")
    }
    return 0
}
