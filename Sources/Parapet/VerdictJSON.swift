import ParapetJSON

extension Verdict {
    /// Writes the verdict's fields (without surrounding braces' owner fields like `id`) into an open object.
    /// `original` is the scanned text: `text` is what to forward (null when blocked).
    /// `originalJSON`, when given, is `original` already as a JSON string (quotes included), as
    /// this writer would write it; it is copied instead of escaping `original` again.
    public func writeFields(to w: inout JSONWriter, original: [UInt8], originalJSON: UnsafeBufferPointer<UInt8>? = nil) {
        w.key("decision"); w.writeString(decision.rawValue)
        w.key("target"); w.writeString(target.rawValue)
        w.key("score"); w.writeNumber(score)
        w.key("threshold"); w.writeNumber(threshold)
        w.key("paranoia"); w.writeNumber(paranoia)
        w.key("findings"); w.beginArray()
        for f in findings {
            w.beginObject()
            w.key("rule"); w.writeString(f.rule)
            w.key("start"); w.writeNumber(f.start)
            w.key("end"); w.writeNumber(f.end)
            w.key("score"); w.writeNumber(f.score)
            w.key("action"); w.writeString(f.action.rawValue)
            w.key("view"); w.writeString(f.view.rawValue)
            w.key("chain"); w.beginArray(); for c in f.chain { w.writeString(c) }; w.endArray()
            w.key("match"); w.writeString(f.excerpt)
            if let note = f.note { w.key("note"); w.writeString(note) }
            w.endObject()
        }
        w.endArray()
        if !limits.isEmpty {
            w.key("limits"); w.beginArray()
            for l in limits {
                w.beginObject()
                w.key("kind"); w.writeString(l.kind.rawValue)
                if let r = l.rule { w.key("rule"); w.writeString(r) }
                w.key("detail"); w.writeString(l.detail)
                w.endObject()
            }
            w.endArray()
        }
        if let failMode { w.key("fail_mode"); w.writeString(failMode.rawValue) }
        w.key("text")
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
