import Foundation
import ParapetJSON
import ParapetRules

/// Reads corpus JSONL files: one case per non-blank line, problems kept with their line numbers.
public enum CorpusLoader {
    /// Every `.jsonl` file under `path` (recursively, sorted), or `path` itself when it is a file.
    /// `tool-calls/` folders hold tool calls for the policy engine, not texts, and are skipped.
    public static func files(under path: String) -> [String] {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else { return [] }
        guard isDir.boolValue else { return [path] }
        let base = URL(fileURLWithPath: path)
        var out: [String] = []
        for case let rel as String in FileManager.default.enumerator(atPath: path) ?? FileManager.DirectoryEnumerator() where rel.hasSuffix(".jsonl") {
            if rel.split(separator: "/").contains("tool-calls") { continue }
            out.append(base.appendingPathComponent(rel).path)
        }
        return out.sorted()
    }

    /// Loads one file; `name` is how the file is shown in messages (defaults to `path`).
    public static func load(path: String, name: String? = nil) -> (cases: [CorpusCase], problems: [CorpusProblem]) {
        let shown = name ?? path
        guard let data = FileManager.default.contents(atPath: path) else {
            return ([], [CorpusProblem(location: SourceLocation(file: shown, line: 1, column: 1), message: "cannot read file")])
        }
        return parse([UInt8](data), file: shown)
    }

    /// Parses JSONL bytes; `\n` or `\r\n` line ends, blank lines skipped.
    public static func parse(_ bytes: [UInt8], file: String) -> (cases: [CorpusCase], problems: [CorpusProblem]) {
        var cases: [CorpusCase] = []
        var problems: [CorpusProblem] = []
        var lineNo = 0
        var start = 0
        while start < bytes.count {
            lineNo += 1
            var end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            let next = end + 1
            if end > start, bytes[end - 1] == 0x0D { end -= 1 }
            let line = bytes[start..<end]
            start = next
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            let loc = SourceLocation(file: file, line: lineNo, column: 1)
            switch parseCase(line, at: loc) {
            case .success(let c): cases.append(c)
            case .failure(let p): problems.append(p)
            }
        }
        return (cases, problems)
    }

    static func parseCase(_ line: ArraySlice<UInt8>, at loc: SourceLocation) -> Result<CorpusCase, CorpusProblem> {
        func fail(_ m: String) -> Result<CorpusCase, CorpusProblem> { .failure(CorpusProblem(location: loc, message: m)) }
        let object: JSONValue
        do { object = .object(try JSONParser.parseObject(line)) } catch { return fail("invalid JSON: \(error.message)") }
        guard let text = object[key: "text"]?.stringValue else { return fail("missing string field \"text\"") }
        guard let ls = object[key: "label"]?.stringValue, let label = CorpusCase.Label(rawValue: ls) else {
            return fail("\"label\" must be \"attack\" or \"benign\"")
        }
        var target = Target.input
        if let t = object[key: "target"] {
            guard let s = t.stringValue, let parsed = Target(rawValue: s) else { return fail("unknown target \(t.serialized())") }
            target = parsed
        }
        var paranoia: Int?
        if let p = object[key: "paranoia"] {
            guard let n = p.intValue, (1...4).contains(n) else { return fail("paranoia must be an integer 1-4") }
            paranoia = n
        }
        var expect: CorpusCase.Expectation?
        if let e = object[key: "expect"] {
            guard let s = e.stringValue, let parsed = CorpusCase.Expectation(rawValue: s) else {
                return fail("\"expect\" must be block, allow, sanitize or flag")
            }
            expect = parsed
        }
        func ids(_ key: String) -> [String]? {
            guard let v = object[key: key] else { return [] }
            guard let items = v.arrayValue else { return nil }
            let strings = items.compactMap(\.stringValue)
            return strings.count == items.count ? strings : nil
        }
        guard let mustFire = ids("must_fire"), let mustNotFire = ids("must_not_fire") else {
            return fail("must_fire and must_not_fire must be lists of rule ids")
        }
        return .success(CorpusCase(
            text: text, label: label, target: target, paranoia: paranoia, expect: expect,
            mustFire: mustFire, mustNotFire: mustNotFire, todo: object[key: "todo"]?.stringValue,
            family: object[key: "family"]?.stringValue, note: object[key: "note"]?.stringValue, location: loc))
    }
}
