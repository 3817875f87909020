import ParapetJSON

extension Verdict {
    /// Writes the verdict's fields (without surrounding braces' owner fields like `id`) into an open object.
    /// `original` is the scanned text: `text` is what to forward (null when blocked).
    /// `originalJSON`, when given, is `original` already as a JSON string (quotes included), as
    /// this writer would write it; it is copied instead of escaping `original` again.
    public func writeFields(to w: inout JSONWriter, original: [UInt8], originalJSON: UnsafeBufferPointer<UInt8>? = nil) {
        let K = VerdictJSONTokens.shared
        w.key(K.decision); w.writeString(K.decisions.text(decision))
        w.key(K.target); w.writeString(K.targets.text(target))
        w.key(K.score); w.writeNumber(score)
        w.key(K.threshold); w.writeNumber(threshold)
        w.key(K.paranoia); w.writeNumber(paranoia)
        w.key(K.findings); w.beginArray()
        for f in findings {
            w.beginObject()
            w.key(K.rule); w.writeString(f.rule)
            w.key(K.start); w.writeNumber(f.start)
            w.key(K.end); w.writeNumber(f.end)
            w.key(K.score); w.writeNumber(f.score)
            w.key(K.action); w.writeString(K.actions.text(f.action))
            w.key(K.view); w.writeString(K.views.text(f.view))
            w.key(K.chain); w.beginArray(); for c in f.chain { w.writeString(c) }; w.endArray()
            w.key(K.match); w.writeString(f.excerpt)
            if let note = f.note { w.key(K.note); w.writeString(note) }
            w.endObject()
        }
        w.endArray()
        if !limits.isEmpty {
            w.key(K.limits); w.beginArray()
            for l in limits {
                w.beginObject()
                w.key(K.kind); w.writeString(l.kind.rawValue)
                if let r = l.rule { w.key(K.rule); w.writeString(r) }
                w.key(K.detail); w.writeString(l.detail)
                w.endObject()
            }
            w.endArray()
        }
        if let failMode { w.key(K.failMode); w.writeString(failMode.rawValue) }
        w.key(K.text)
        if decision == .block {
            w.writeNull()
        } else if let sanitized {
            w.writeString(decoding: sanitized)
        } else if let originalJSON {
            w.writeRawValue(originalJSON)
        } else {
            w.writeString(decoding: original)
        }
    }

    /// The verdict as one JSON object (the CLI's `--json` shape).
    public func json(original: [UInt8]) -> String {
        var w = JSONWriter()
        w.beginObject()
        writeFields(to: &w, original: original)
        w.endObject()
        return w.string
    }

    /// One line for humans: `block score=9/5 rules=a,b`.
    public var summaryLine: String {
        var s = "\(decision.rawValue) target=\(target.rawValue) score=\(score)/\(threshold)"
        if !findings.isEmpty { s += " rules=" + ruleIDs.joined(separator: ",") }
        if !limits.isEmpty { s += " limits=" + limits.map(\.kind.rawValue).joined(separator: ",") }
        if let failMode { s += " fail_mode=\(failMode.rawValue)" }
        return s
    }
}

/// The verdict's member names and enum values, quoted once: the JSONL filter writes them for
/// every line, and escaping them each time cost more than the rest of the line's output. One
/// shared instance, so a verdict pays one lazy-initialization check, not one per name.
struct VerdictJSONTokens: Sendable {
    static let shared = VerdictJSONTokens()

    let decision = JSONKey("decision"), target = JSONKey("target"), score = JSONKey("score")
    let threshold = JSONKey("threshold"), paranoia = JSONKey("paranoia"), findings = JSONKey("findings")
    let rule = JSONKey("rule"), start = JSONKey("start"), end = JSONKey("end"), action = JSONKey("action")
    let view = JSONKey("view"), chain = JSONKey("chain"), match = JSONKey("match"), note = JSONKey("note")
    let limits = JSONKey("limits"), kind = JSONKey("kind"), detail = JSONKey("detail")
    let failMode = JSONKey("fail_mode"), text = JSONKey("text")

    let decisions = EnumTexts(Decision.allCases)
    let targets = EnumTexts(Target.allCases)
    let actions = EnumTexts(RuleAction.allCases)
    let views = EnumTexts(ViewKind.allCases)
}

/// The quoted raw values of a small enum; found by comparing cases (a handful), not hashing.
struct EnumTexts<E: RawRepresentable & Equatable & Sendable>: Sendable where E.RawValue == String {
    private let entries: [(E, JSONText)]
    init(_ cases: [E]) { entries = cases.map { ($0, JSONText($0.rawValue)) } }
    func text(_ value: E) -> JSONText {
        for (e, t) in entries where e == value { return t }
        return JSONText(value.rawValue)
    }
}
