#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads newline-terminated lines from a file descriptor in chunks, with a line length bound:
/// an over-long line is skipped (not buffered) and reported, so memory stays bounded.
struct LineReader {
    enum Line {
        case text(ArraySlice<UInt8>)
        case tooLong(Int)
    }

    let fd: Int32
    let maxLine: Int
    private var buffer: [UInt8] = []
    private var start = 0
    private var eof = false
    private var skipping = false
    private var skipped = 0
    /// Bytes before this index (from `start`) are known to hold no newline.
    private var searched = 0
    private var chunk = [UInt8](repeating: 0, count: 1 << 16)

    init(fd: Int32, maxLine: Int) {
        self.fd = fd
        self.maxLine = maxLine
        buffer.reserveCapacity(1 << 16)
    }

    /// The next line without its terminator ("\n" or "\r\n"), or nil at end of input.
    /// `beforeRead` runs each time the reader is about to wait for more input, so a caller that
    /// buffers its output can flush it then and an interactive peer never waits on a verdict.
    mutating func next(beforeRead: () -> Void = {}) -> Line? {
        while true {
            if let nl = Self.newline(in: buffer, from: max(start, searched)) {
                var end = nl
                let lineStart = start
                start = nl + 1
                searched = start
                if skipping {
                    skipping = false
                    let total = skipped + (nl - lineStart)
                    skipped = 0
                    return .tooLong(total)
                }
                if end > lineStart, buffer[end - 1] == 0x0D { end -= 1 }
                // The bound holds for lines that arrived within one read chunk too.
                if end - lineStart > maxLine { return .tooLong(end - lineStart) }
                return .text(buffer[lineStart..<end])
            }
            if eof {
                if start < buffer.count || skipping {
                    let rest = buffer[start...]
                    start = buffer.count
                    if skipping { skipping = false; return .tooLong(skipped + rest.count) }
                    let last = rest.last == 0x0D ? rest.dropLast() : rest
                    return last.count > maxLine ? .tooLong(last.count) : .text(last)
                }
                return nil
            }
            searched = buffer.count
            // Compact, then enforce the bound before reading more.
            if start > 0 {
                searched -= start
                buffer.removeSubrange(0..<start)
                start = 0
            }
            if buffer.count > maxLine {
                skipping = true
                skipped += buffer.count
                buffer.removeAll(keepingCapacity: true)
                searched = 0
            }
            beforeRead()
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n <= 0 { eof = true } else { buffer.append(contentsOf: chunk[0..<n]) }
        }
    }

    /// Index of the first "\n" at or after `from` (memchr: the line scan is on the hot path).
    private static func newline(in buffer: [UInt8], from: Int) -> Int? {
        guard from < buffer.count else { return nil }
        return buffer.withUnsafeBufferPointer { p -> Int? in
            guard let base = p.baseAddress, let hit = memchr(base + from, 0x0A, p.count - from) else { return nil }
            return UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))
        }
    }
}
