#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import Parapet
import ParapetJSON

/// The JSONL stream mode: one process, many messages, order kept, every line answered.
struct JSONLFilter: Sendable {
    let guardian: Guard
    let defaultTarget: Target
    let paranoia: Int?
    let maxLineBytes: Int
    var context: ScanContext? = nil

    /// Worker threads scanning lines (`--jobs`); 1 scans on the reading thread.
    var jobs = 1

    func run(path: String?) throws {
        var fd: Int32 = 0
        if let path, path != "-" {
            fd = open(path, O_RDONLY)
            if fd < 0 {
                StdIO.error("parapet: error: cannot read \(path)")
                throw ExitCode(2)
            }
        }
        defer { if fd != 0 { close(fd) } }
        var reader = LineReader(fd: fd, maxLine: maxLineBytes)
        if jobs > 1 {
            JSONLWorkers(filter: self, jobs: jobs).run(&reader, fd: fd)
            return
        }
        var lineNumber = 0
        // Verdicts collect in one buffer, written when it is large or when the reader is about
        // to wait for input (so a peer that sends a line and waits gets its verdict): one
        // write(2) per many lines instead of one per line.
        var out: [UInt8] = []
        out.reserveCapacity(Self.flushAt + 4096)
        let flush = { (out: inout [UInt8]) in
            if !out.isEmpty { StdIO.write(out); out.removeAll(keepingCapacity: true) }
        }
        var w = JSONWriter(capacity: 4096)
        while let line = reader.next(beforeRead: { flush(&out) }) {
            lineNumber += 1
            answer(line, number: lineNumber, &w, into: &out)
            if out.count >= Self.flushAt { flush(&out) }
        }
        flush(&out)
    }

    /// Appends the answer line to `line` (number `number`) to `out`; a blank line gets none.
    func answer(_ line: LineReader.Line, number: Int, _ w: inout JSONWriter, into out: inout [UInt8]) {
        w.reset()
        switch line {
        case .tooLong(let n):
            writeError(&w, line: number, id: nil, "line of \(n) bytes exceeds --max-line-bytes \(maxLineBytes)")
        case .text(let bytes):
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return }
            handle(bytes, line: number, &w)
        }
        w.bytes.append(0x0A)
        out.append(contentsOf: w.bytes)
    }

    /// Output buffered past this many bytes is written at once.
    static let flushAt = 1 << 16

    private func handle(_ bytes: ArraySlice<UInt8>, line: Int, _ w: inout JSONWriter) {
        bytes.withUnsafeBufferPointer { handle($0, line: line, &w) }
    }

    /// One message. Its text is read as bytes, never made a String; the echo copies the input's
    /// string when the writer would write it the same (`JSONMember.stringBytes`).
    private func handle(_ bytes: UnsafeBufferPointer<UInt8>, line: Int, _ w: inout JSONWriter) {
        let members: [JSONMember]
        do {
            members = try JSONParser.parseMembers(bytes)
        } catch {
            writeError(&w, line: line, id: nil, "invalid JSON: \(error.message)")
            return
        }
        let id = members.value("id", in: bytes)
        guard let (original, originalJSON) = members.member("text")?.stringBytes(in: bytes) else {
            writeError(&w, line: line, id: id, "missing string field \"text\"")
            return
        }
        var target = defaultTarget
        if let t = members.value("target", in: bytes) {
            guard let s = t.stringValue, let parsed = Target(rawValue: s) else {
                writeError(&w, line: line, id: id, "unknown target \(t.serialized()) (expected input, context, output or tool_args)")
                return
            }
            target = parsed
        }
        var linePL = paranoia
        if let p = members.value("paranoia", in: bytes) {
            guard let n = p.intValue, (1...4).contains(n) else {
                writeError(&w, line: line, id: id, "paranoia must be an integer 1-4")
                return
            }
            linePL = n
        }
        let verdict = guardian.scan(original, target: target, paranoia: linePL, context: context?.with(target: target))
        w.beginObject()
        w.key("id"); if let id { w.writeValue(id) } else { w.writeNull() }
        verdict.writeFields(to: &w, original: original, originalJSON: originalJSON)
        w.endObject()
    }

    private func writeError(_ w: inout JSONWriter, line: Int, id: JSONValue?, _ message: String) {
        w.beginObject()
        w.key("id"); if let id { w.writeValue(id) } else { w.writeNull() }
        w.key("line"); w.writeNumber(line)
        w.key("error"); w.writeString(message)
        w.endObject()
    }
}
