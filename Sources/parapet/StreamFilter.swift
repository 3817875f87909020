#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import Parapet

/// `parapet scan --stream`: reads with read(2) as data arrives and writes what the validator releases.
struct StreamFilter {
    let guardian: Guard
    let target: Target
    let paranoia: Int?
    let context: ScanContext?

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
        var validator = guardian.outputStream(paranoia: paranoia, context: context ?? ScanContext(target: .output))
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !validator.isBlocked {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                StdIO.error("parapet: error: read failed (errno \(errno))")
                throw ExitCode(2)
            }
            if n == 0 { break }
            let out = validator.feed(buffer[0..<n])
            if !out.isEmpty { StdIO.write(out) }
        }
        let rest = validator.finish()
        if !rest.isEmpty { StdIO.write(rest) }
        let rules = validator.findings.map(\.rule)
        var seen = Set<String>()
        let unique = rules.filter { seen.insert($0).inserted }
        var line = "parapet: \(validator.isBlocked ? "block" : (validator.findings.contains { $0.action == .redact } ? "sanitize" : "allow")) target=output stream hold_back=\(validator.holdBack) score=\(validator.score)"
        if !unique.isEmpty { line += " rules=" + unique.joined(separator: ",") }
        if validator.droppedFindings > 0 { line += " findings_dropped=\(validator.droppedFindings)" }
        StdIO.error(line)
        if validator.isBlocked { throw ExitCode(1) }
    }
}
