import Parapet
import ParapetJSON

/// Validates a streamed (Server-Sent Events) chat completion as it passes through.
///
/// Events are parsed as they arrive; their text deltas are accumulated and the accumulated
/// output is rescanned once at least `scanEvery` new bytes arrived. Events are held back until
/// the text they carry has been scanned clean and lies more than `holdback` bytes before the
/// end, so a pattern that needs a few more tokens to match (a key, a card number) is caught
/// before its first half reaches the client. When the output becomes blocked or needs
/// redaction, the held events are dropped and the stream ends with an `error` event: text
/// that already left cannot be rewritten, so a stream is never "sanitized" in place.
public struct SSEValidator: Sendable {
    public var scanEvery: Int
    public var holdback: Int
    /// Output beyond this many bytes is not scanned further; the stream is cut (fail closed).
    public var maxOutputBytes: Int
    let scan: @Sendable ([UInt8]) -> Verdict

    private var buffer: [UInt8] = []
    private var text: [UInt8] = []
    /// Held events with the text length reached once each is included.
    private var held: [(bytes: [UInt8], textEnd: Int)] = []
    private var scannedUpTo = 0
    /// Why the stream was cut (`output_blocked` or `output_too_long`); nil while it flows.
    public private(set) var stopped: String?
    /// The verdict that cut the stream, if a verdict did.
    public private(set) var blocking: Verdict?
    public private(set) var verdicts = 0

    public init(scanEvery: Int = 64, holdback: Int = 64, maxOutputBytes: Int = 1 << 20, scan: @escaping @Sendable ([UInt8]) -> Verdict) {
        self.scanEvery = scanEvery
        self.holdback = holdback
        self.maxOutputBytes = maxOutputBytes
        self.scan = scan
    }

    /// Feeds upstream bytes; returns what may be sent to the client now.
    public mutating func feed(_ bytes: [UInt8]) -> [UInt8] {
        if stopped != nil { return [] }
        buffer += bytes
        var out: [UInt8] = []
        while let end = Self.eventEnd(buffer) {
            let event = Array(buffer[0..<end.next])
            buffer.removeSubrange(0..<end.next)
            let data = Self.data(of: event)
            if data == Array("[DONE]".utf8) {
                out += finishText()
                if stopped == nil { out += event }
                continue
            }
            if let json = try? JSONParser.parse(data), let delta = ChatCompletions.streamDelta(json) {
                text += Array(delta.utf8)
            }
            held.append((event, text.count))
            if text.count - scannedUpTo >= scanEvery { out += check(final: false) }
            if stopped != nil { return out }
        }
        return out
    }

    /// Call at the end of the upstream body; returns the remaining bytes (or the error event).
    public mutating func finish() -> [UInt8] {
        if stopped != nil { return [] }
        var out = finishText()
        if stopped == nil, !buffer.isEmpty { out += buffer }
        buffer = []
        return out
    }

    private mutating func finishText() -> [UInt8] { check(final: true) }

    /// Rescans the accumulated text and releases the events that are now known clean.
    private mutating func check(final: Bool) -> [UInt8] {
        if text.count > maxOutputBytes { return stop(nil) }
        if text.count > scannedUpTo || final {
            let v = scan(text)
            verdicts += 1
            scannedUpTo = text.count
            if v.decision != .allow { return stop(v) }
        }
        let safeEnd = final ? text.count : text.count - holdback
        var out: [UInt8] = []
        while let first = held.first, first.textEnd <= safeEnd {
            out += first.bytes
            held.removeFirst()
        }
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

    /// End of the first complete event (`\n\n` or `\r\n\r\n`), as the index after the separator.
    static func eventEnd(_ b: [UInt8]) -> (next: Int, Void)? {
        var i = 0
        while i + 1 < b.count {
            if b[i] == 0x0A && b[i + 1] == 0x0A { return (i + 2, ()) }
            if b[i] == 0x0A && b[i + 1] == 0x0D && i + 2 < b.count && b[i + 2] == 0x0A { return (i + 3, ()) }
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
