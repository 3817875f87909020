#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser

/// `parapet serve`: hands over to the `parapet-server` executable built alongside this one.
///
/// The HTTP service links Hummingbird and SwiftNIO; keeping it in its own executable keeps the
/// `parapet` CLI (and every library user) free of them. This command replaces the process with
/// `parapet-server`, so signals (SIGHUP reload, SIGTERM drain) reach the server directly.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the HTTP service (runs parapet-server; see `parapet serve --help`).",
        shouldDisplay: true
    )

    @Argument(parsing: .captureForPassthrough, help: "Options for parapet-server.")
    var arguments: [String] = []

    func run() throws {
        let candidates = [Self.siblingPath(), "parapet-server"].compactMap { $0 }
        for path in candidates {
            let argv = [path] + arguments
            var cArgs = argv.map { strdup($0) } + [nil]
            if path.contains("/") { execv(path, &cArgs) } else { execvp(path, &cArgs) }
            for p in cArgs { free(p) }
        }
        StdIO.error("parapet: error: cannot run parapet-server (build it with `swift build --product parapet-server`)")
        throw ExitCode(2)
    }

    /// `parapet-server` next to the running `parapet` binary, if the path is known.
    static func siblingPath() -> String? {
        var buf = [CChar](repeating: 0, count: 4096)
        #if os(Linux)
        let n = readlink("/proc/self/exe", &buf, buf.count - 1)
        guard n > 0 else { return nil }
        let exe = String(decoding: buf[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        #else
        let exe = CommandLine.arguments[0]
        #endif
        guard let slash = exe.lastIndex(of: "/") else { return nil }
        return String(exe[..<slash]) + "/parapet-server"
    }
}
