import Foundation

/// Runs the built `parapet` binary and captures what it wrote.
enum CLI {
    struct Output {
        var status: Int32
        var stdout: [UInt8]
        var stderr: String
        var out: String { String(decoding: stdout, as: UTF8.self) }
    }

    /// The binary next to the test bundle (SwiftPM puts products and the .xctest in one directory),
    /// falling back to `.build/debug/parapet` relative to this source file.
    static let binary: URL = {
        let nextToBundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("parapet")
        for candidate in [nextToBundle, Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("parapet")]
        where FileManager.default.isExecutableFile(atPath: candidate.path) {
            return candidate
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/parapet")
    }()

    static func run(_ args: [String], stdin: [UInt8] = [], cwd: URL? = nil) throws -> Output {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let inURL = dir.appendingPathComponent("stdin"), outURL = dir.appendingPathComponent("stdout"), errURL = dir.appendingPathComponent("stderr")
        try Data(stdin).write(to: inURL)
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let p = Process()
        p.executableURL = binary
        p.arguments = args
        if let cwd { p.currentDirectoryURL = cwd }
        // Files rather than pipes: no deadlock however much the binary writes.
        p.standardInput = try FileHandle(forReadingFrom: inURL)
        p.standardOutput = try FileHandle(forWritingTo: outURL)
        p.standardError = try FileHandle(forWritingTo: errURL)
        try p.run()
        p.waitUntilExit()
        return Output(status: p.terminationStatus, stdout: [UInt8](try Data(contentsOf: outURL)),
                      stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }

    static func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("parapet-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// A fresh directory holding `files` (relative path → contents).
    static func directory(_ files: [String: String]) throws -> URL {
        let dir = try temporaryDirectory()
        for (path, text) in files {
            let url = dir.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return dir
    }
}
