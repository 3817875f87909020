#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a program with stdin from a file and stdout/stderr to /dev/null; returns wall time and
/// exit status. (`ru_maxrss` from wait4 is not the child's peak: posix_spawn runs the child in the
/// bench's address space until `exec`, and Linux keeps that high-water mark; see `peakRSSKiB`.)
struct ChildRun {
    let nanos: UInt64
    let status: Int32

    static func run(_ argv: [String], stdinPath: String) -> ChildRun {
        run(argv, stdinPath: stdinPath) { _ in -1 }
    }

    /// The child's own peak RSS: its `VmHWM` in /proc, polled every 0.2 ms until it exits (growth
    /// in the last poll interval is missed). Linux only; 0 elsewhere.
    static func peakRSSKiB(_ argv: [String], stdinPath: String) -> Int {
        var peak = 0
        _ = run(argv, stdinPath: stdinPath) { pid in
            var status: Int32 = 0
            while true {
                if let kib = vmHWM(pid) { peak = max(peak, kib) }
                if waitpid(pid, &status, WNOHANG) != 0 { return status }
                usleep(200)
            }
        }
        return peak
    }

    /// `VmHWM` of a running process, in KiB.
    static func vmHWM(_ pid: pid_t) -> Int? {
        let fd = open("/proc/\(pid)/status", O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buf = [UInt8](repeating: 0, count: 4096)
        let n = read(fd, &buf, buf.count)
        guard n > 0 else { return nil }
        let text = String(decoding: buf[0..<n], as: UTF8.self)
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return nil }
        return Int(line.dropFirst(6).split(whereSeparator: { $0 == " " || $0 == "\t" }).first ?? "")
    }

    /// Spawns `argv`; `wait`, when it reaps the child itself, returns its status (else -1).
    static func run(_ argv: [String], stdinPath: String, wait: (pid_t) -> Int32) -> ChildRun {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdinPath, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var cargs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) }
        cargs.append(nil)
        defer { for p in cargs { free(p) } }
        var pid: pid_t = 0
        let t0 = nowNanos()
        let rc = posix_spawn(&pid, argv[0], &actions, nil, cargs, environ)
        guard rc == 0 else { return ChildRun(nanos: 0, status: -1) }
        var status = wait(pid)
        if status == -1 { _ = waitpid(pid, &status, 0) }
        return ChildRun(nanos: nowNanos() - t0, status: status)
    }
}
