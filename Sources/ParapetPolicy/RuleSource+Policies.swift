import Foundation
import ParapetRules

extension RuleSource {
    /// A policy file, or every `.yaml`/`.yml` file under a directory (sorted).
    public static func loadPolicies(from path: String) throws(RuleLoadError) -> [RuleSource] {
        var isDir: ObjCBool = false
        let fm = FileManager.default
        guard fm.fileExists(atPath: path, isDirectory: &isDir) else {
            throw RuleLoadError([Diagnostic(.unreadableFile, "no such file or directory", at: SourceLocation(file: path, line: 1, column: 1))])
        }
        var paths = [path]
        if isDir.boolValue {
            let base = URL(fileURLWithPath: path)
            paths = (fm.enumerator(atPath: path)?.allObjects as? [String] ?? [])
                .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
                .map { base.appendingPathComponent($0).path }
                .sorted()
        }
        var out: [RuleSource] = []
        for p in paths {
            guard let data = fm.contents(atPath: p) else {
                throw RuleLoadError([Diagnostic(.unreadableFile, "cannot read file", at: SourceLocation(file: p, line: 1, column: 1))])
            }
            out.append(RuleSource(path: p, text: String(decoding: data, as: UTF8.self)))
        }
        return out
    }
}
