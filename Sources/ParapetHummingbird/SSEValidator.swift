import Parapet
import ParapetJSON

/// Validates a streamed (Server-Sent Events) chat completion as it passes through.
///
/// Events are parsed as they arrive and their text deltas go through the core library's
/// `OutputStreamValidator`, which holds back exactly as many bytes as the longest output rule can
/// still need and rescans a bounded window (no rescans of the whole output). An event is sent once
/// all of its text has been released clean. Events cannot be rewritten in place, so when the output
/// becomes blocked or needs a redaction, the held events are dropped and the stream ends with an
/// `error` event; text that already left was released clean.
public struct SSEValidator: Sendable {
    /// Output beyond this many bytes is not validated further; the stream is cut (fail closed).
    public var maxOutputBytes: Int

    private var stream: OutputStreamValidator
    private var buffer: [UInt8] = []
    private var textCount = 0
    /// Text bytes the stream validator has released (equal to the raw count while nothing is redacted).
    private var releasedText = 0
    /// Held events with the text length reached once each is included.
    private var held: [(bytes: [UInt8], textEnd: Int)] = []
    /// Why the stream was cut (`output_blocked` or `output_too_long`); nil while it flows.
    public private(set) var stopped: String?
    /// The verdict that cut the stream, if a verdict did.
    public private(set) var blocking: Verdict?

    public init(stream: OutputStreamValidator, maxOutputBytes: Int = 1 << 20) {
        self.stream = stream
        self.maxOutputBytes = maxOutputBytes
    }

    /// Validates with `guardian`'s output rules.
    public init(guard guardian: Guard, paranoia: Int? = nil, context: ScanContext? = nil, maxOutputBytes: Int = 1 << 20) {
        self.init(stream: guardian.outputStream(paranoia: paranoia, context: context), maxOutputBytes: maxOutputBytes)
    }

    /// Bytes of text the validator holds back before releasing (the longest output rule span).
    public var holdBack: Int { stream.holdBack }

    /// Feeds upstream bytes; returns what may be sent to the client now.
    public mutating func feed(_ bytes: [UInt8]) -> [UInt8] {
        if stopped != nil { return [] }
        buffer += bytes
        var out: [UInt8] = []
        var consumed = 0
        while let end = Self.eventEnd(buffer, from: consumed) {
            let event = Array(buffer[consumed..<end])
            consumed = end
            let data = Self.data(of: event)
            if data == Array("[DONE]".utf8) {
                out += settle(stream.finish(), final: true)
                if stopped == nil { out += event }
                continue
            }
            var delta: [UInt8] = []
            if let json = try? JSONParser.parse(data), let text = ChatCompletions.streamDelta(json) {
                delta = Array(text.utf8)
            }
            textCount += delta.count
            held.append((event, textCount))
            if textCount > maxOutputBytes {
                out += stop(nil)
            } else {
                out += settle(delta.isEmpty ? [] : stream.feed(delta), final: false)
            }
            if stopped != nil { break }
        }
        buffer.removeFirst(min(consumed, buffer.count))
        if stopped != nil { buffer = [] }
        // An upstream that never ends an event must not grow the buffer without bound.
        if stopped == nil, buffer.count > maxOutputBytes { out += stop(nil) }
        return out
    }

    /// Call at the end of the upstream body; returns the remaining bytes (or the error event).
    public mutating func finish() -> [UInt8] {
        if stopped != nil { return [] }
        var out = settle(stream.finish(), final: true)
        if stopped == nil, !buffer.isEmpty { out += buffer }
        buffer = []
        return out
    }

    /// Accounts for text the stream validator released and sends the events it covers.
    private mutating func settle(_ released: [UInt8], final: Bool) -> [UInt8] {
        if stream.isBlocked { return stop(stream.lastScan) }
        if stream.redactions > 0 { return stop(stream.lastScan) }
        releasedText += released.count
        let safeEnd = final ? textCount : releasedText
        var n = 0
        var out: [UInt8] = []
        while n < held.count, held[n].textEnd <= safeEnd {
            out += held[n].bytes
            n += 1
        }
        held.removeFirst(n)
        return out
    }

    private mutating func stop(_ v: Verdict?) -> [UInt8] {
        held = []
        var w = JSONWriter(capacity: 256)
        w.beginObject()
        w.key("error"); w.beginObject()
        w.key("type"); w.writeString("parapet_blocked")
        w.key("code"); w.writeString(v == nil ? "output_too_long" : "output_blocked")
        w.key("message"); w.writeString("the model's output was stopped by Parapet")
        if let v {
            w.key("decision"); w.writeString(v.decision.rawValue)
            w.key("rules"); w.beginArray(); for r in v.ruleIDs { w.writeString(r) }; w.endArray()
        }
        w.endObject()
        w.endObject()
        stopped = v == nil ? "output_too_long" : "output_blocked"
        blocking = v
        return Array("event: error\ndata: ".utf8) + w.bytes + Array("\n\ndata: [DONE]\n\n".utf8)
    }

    /// End of the first complete event at or after `from` (`\n\n` or `\n\r\n`), as the index after the separator.
    static func eventEnd(_ b: [UInt8], from: Int = 0) -> Int? {
        var i = from
        while i + 1 < b.count {
            if b[i] == 0x0A && b[i + 1] == 0x0A { return i + 2 }
            if b[i] == 0x0A && b[i + 1] == 0x0D && i + 2 < b.count && b[i + 2] == 0x0A { return i + 3 }
            i += 1
        }
        return nil
    }

    /// The event's `data:` lines joined with newlines.
    static func data(of event: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var first = true
        for line in event.split(separator: 0x0A) {
            var l = Array(line)
            if l.last == 0x0D { l.removeLast() }
            guard l.starts(with: Array("data:".utf8)) else { continue }
            var v = Array(l.dropFirst(5))
            if v.first == 0x20 { v.removeFirst() }
            if !first { out.append(0x0A) }
            out += v
            first = false
        }
        return out
    }
}
