#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a program with stdin from a file and stdout/stderr to /dev/null; returns wall time and
/// the child's own resource usage (peak RSS), measured with wait4 so other children do not count.
struct ChildRun {
    let nanos: UInt64
    let maxRSSKiB: Int
    let status: Int32

    static func run(_ argv: [String], stdinPath: String) -> ChildRun {
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
        guard rc == 0 else { return ChildRun(nanos: 0, maxRSSKiB: 0, status: -1) }
        var status: Int32 = 0
        var usage = rusage()
        _ = wait4(pid, &status, 0, &usage)
        return ChildRun(nanos: nowNanos() - t0, maxRSSKiB: Int(usage.ru_maxrss), status: status)
    }
}
