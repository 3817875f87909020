#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Byte-exact standard streams: the filter must forward text unchanged, so no String round trips.
enum StdIO {
    /// Writes straight to fd 1 (unbuffered, so each call is also a flush), retrying short writes.
    static func write(_ bytes: [UInt8], fd: Int32 = 1) {
        bytes.withUnsafeBufferPointer { buf in
            var off = 0
            while off < buf.count {
                let n = Glibc.write(fd, buf.baseAddress! + off, buf.count - off)
                if n < 0 {
                    if errno == EINTR { continue }
                    return  // stdout closed (EPIPE): nothing sensible left to do
                }
                off += n
            }
        }
    }

    static func write(_ text: String) { write(Array(text.utf8)) }

    static func error(_ line: String) { write(Array((line + "\n").utf8), fd: 2) }

    /// The whole of FILE, or of stdin when FILE is nil or "-".
    static func readAll(_ path: String?) throws -> [UInt8] {
        if let path, path != "-" {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw CLIError("cannot read \(path)")
            }
            return [UInt8](data)
        }
        return [UInt8](FileHandle.standardInput.readDataToEndOfFile())
    }
}

/// An error the CLI reports in one line and exits 2 for.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}
