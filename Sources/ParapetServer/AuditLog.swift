#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Parapet
import ParapetJSON
import Synchronization

/// Append-only JSON Lines decision log: one record per decided request.
///
/// Records carry decisions, scores, rule ids and byte spans, never matched text. With
/// `includeContent` the text is added with every matched span masked, so a detected secret
/// cannot reach the log even then.
public final class AuditLog: Sendable {
    private let file: Mutex<FileHandle>
    public let includeContent: Bool

    /// Opens (creating or appending to) `path`; returns nil when it cannot be opened.
    public init?(path: String, includeContent: Bool) {
        guard let f = fopen(path, "a") else { return nil }
        file = Mutex(FileHandle(raw: f))
        self.includeContent = includeContent
    }

    deinit { file.withLock { _ = fclose($0.raw) } }

    /// One record for a scan or tool-check decision.
    public func record(_ entry: AuditEntry) {
        var w = JSONWriter(capacity: 512)
        w.beginObject()
        w.key("time"); w.writeString(Self.timestamp())
        w.key("request_id"); w.writeString(entry.requestID)
        w.key("route"); w.writeString(entry.route)
        w.key("pack"); w.writeString(entry.packHash)
        if let session = entry.session { w.key("session"); w.writeString(session) }
        w.key("target"); w.writeString(entry.target)
        if let tool = entry.tool { w.key("tool"); w.writeString(tool) }
        if let policy = entry.policy { w.key("policy"); w.writeString(policy) }
        if let hash = entry.policyPack { w.key("policy_pack"); w.writeString(hash) }
        w.key("decision"); w.writeString(entry.decision)
        w.key("score"); w.writeNumber(entry.score)
        w.key("rules"); w.beginArray(); for r in entry.rules { w.writeString(r) }; w.endArray()
        w.key("spans"); w.beginArray()
        for s in entry.spans {
            w.beginObject()
            w.key("rule"); w.writeString(s.rule)
            w.key("start"); w.writeNumber(s.start)
            w.key("end"); w.writeNumber(s.end)
            w.endObject()
        }
        w.endArray()
        if !entry.limits.isEmpty { w.key("limits"); w.beginArray(); for l in entry.limits { w.writeString(l) }; w.endArray() }
        if let fm = entry.failMode { w.key("fail_mode"); w.writeString(fm) }
        w.key("latency_us"); w.writeNumber(entry.latencyMicros)
        if includeContent, let reason = entry.reason { w.key("reason"); w.writeString(reason) }
        if includeContent, let text = entry.text {
            w.key("text"); w.writeString(String(decoding: Self.masked(text, spans: entry.spans), as: UTF8.self))
        }
        w.endObject()
        w.bytes.append(0x0A)
        let line = w.bytes
        file.withLock { h in
            line.withUnsafeBufferPointer { p in _ = fwrite(p.baseAddress, 1, p.count, h.raw) }
            fflush(h.raw)
        }
    }

    /// `text` with each span replaced by `[rule.id]`; overlapping spans are merged into the first.
    static func masked(_ text: [UInt8], spans: [AuditEntry.Span]) -> [UInt8] {
        let sorted = spans.filter { $0.start < $0.end && $0.end <= text.count }.sorted { $0.start < $1.start }
        var out: [UInt8] = []
        out.reserveCapacity(text.count)
        var pos = 0
        for s in sorted {
            if s.end <= pos { continue }
            out += text[pos..<max(pos, s.start)]
            out += Array("[\(s.rule)]".utf8)
            pos = s.end
        }
        if pos < text.count { out += text[pos...] }
        return out
    }

    /// UTC time as RFC 3339 with milliseconds, without Foundation.
    static func timestamp() -> String {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        var t = time_t(ts.tv_sec)
        var parts = tm()
        gmtime_r(&t, &parts)
        func pad(_ v: Int32, _ n: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, n - s.count)) + s
        }
        let ms = Int32(ts.tv_nsec / 1_000_000)
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))T"
            + "\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2)).\(pad(ms, 3))Z"
    }
}

/// A `FILE*` that only the audit log's lock touches.
struct FileHandle: @unchecked Sendable {
    let raw: UnsafeMutablePointer<FILE>
}

/// What one audit record says about one decision.
public struct AuditEntry: Sendable {
    /// A matched byte range in the scanned text and the rule that matched it.
    public struct Span: Sendable {
        public let rule: String
        public let start: Int
        public let end: Int
    }

    public var requestID: String
    public var route: String
    public var packHash: String
    public var session: String?
    public var target: String
    public var decision: String
    public var score: Int
    public var rules: [String]
    public var spans: [Span]
    public var limits: [String]
    public var failMode: String?
    public var latencyMicros: Int
    /// The scanned text; written (masked) only when content logging is enabled.
    public var text: [UInt8]?
    /// Tool-check records: the tool (as counted in metrics), the policy and its sources' hash.
    public var tool: String? = nil
    public var policy: String? = nil
    public var policyPack: String? = nil
    /// The decision's explanation; it can quote argument values, so it is content (written only with content logging).
    public var reason: String? = nil
}
