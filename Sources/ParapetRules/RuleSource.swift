import Foundation

/// The text of one rule file and the name diagnostics use for it.
public struct RuleSource: Sendable, Hashable {
    public let path: String
    public let text: String
    /// The same file already composed at build time (see `ComposedYAML`), or nil: the
    /// default pack carries it so start-up skips YAML parsing. Equality ignores it, since it
    /// is derived from `text`.
    public let composed: String?

    public init(path: String, text: String, composed: String? = nil) {
        self.path = path
        self.text = text
        self.composed = composed
    }

    public static func == (a: RuleSource, b: RuleSource) -> Bool { a.path == b.path && a.text == b.text }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(path)
        hasher.combine(text)
    }

    /// Every `.yaml`/`.yml` file under `directory` (recursively, sorted), skipping `policies/`,
    /// which holds tool policies rather than rules. A single file path is accepted too.
    public static func load(from directory: String) throws(RuleLoadError) -> [RuleSource] {
        var isDir: ObjCBool = false
        let fm = FileManager.default
        guard fm.fileExists(atPath: directory, isDirectory: &isDir) else {
            throw RuleLoadError([Diagnostic(.unreadableFile, "no such file or directory", at: SourceLocation(file: directory, line: 1, column: 1))])
        }
        var paths: [String] = []
        if isDir.boolValue {
            let base = URL(fileURLWithPath: directory)
            for case let rel as String in fm.enumerator(atPath: directory) ?? FileManager.DirectoryEnumerator() {
                guard rel.hasSuffix(".yaml") || rel.hasSuffix(".yml") else { continue }
                if rel.split(separator: "/").contains("policies") { continue }
                paths.append(base.appendingPathComponent(rel).path)
            }
            paths.sort()
        } else {
            paths = [directory]
        }
        var sources: [RuleSource] = []
        var problems: [Diagnostic] = []
        for p in paths {
            if let data = fm.contents(atPath: p) {
                sources.append(RuleSource(path: p, text: String(decoding: data, as: UTF8.self)))
            } else {
                problems.append(Diagnostic(.unreadableFile, "cannot read file", at: SourceLocation(file: p, line: 1, column: 1)))
            }
        }
        if !problems.isEmpty { throw RuleLoadError(problems) }
        return sources
    }
}
