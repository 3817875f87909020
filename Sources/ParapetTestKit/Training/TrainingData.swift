import Foundation
import ParapetDetectors
import ParapetJSON
import ParapetText

/// One labelled text prepared for training: its canonical view and the buckets of its features.
public struct TrainingExample: Sendable {
    /// The row's `source`, or the name of the file (or folder) it came from.
    public var source: String
    public var family: String
    public var positive: Bool
    /// The canonical view the detector will see at scan time.
    public var canonical: [UInt8]
    /// Feature buckets in hashing order (duplicates kept: counts matter).
    public var buckets: [Int32]
    /// Per-example weight (1 unless balancing).
    public var weight: Double = 1
}

/// Reads labelled JSONL (`{"text", "label", "source"?, "family"?, "target"?}`) for training.
/// `injection`, `jailbreak` and `attack` are positive, `benign` negative; other labels, rows for a
/// target other than `input` and corpus rows marked `todo` are skipped.
public struct TrainingData: Sendable {
    public static let positiveLabels: Set<String> = ["injection", "jailbreak", "attack"]
    public static let negativeLabels: Set<String> = ["benign"]

    public var examples: [TrainingExample] = []
    /// Lines that were not usable rows, for a warning.
    public var badLines: [String] = []

    public init() {}

    /// Adds every row of `path` (a `.jsonl` file, or a folder searched for them, in sorted order).
    public mutating func load(path: String, hasher: NgramHasher) throws {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: path])
        }
        let fallback = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        var files = [path]
        if isDir.boolValue {
            let found = FileManager.default.enumerator(atPath: path)?.compactMap { $0 as? String } ?? []
            files = found.filter { $0.hasSuffix(".jsonl") }.sorted().map { path + "/" + $0 }
        }
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw CocoaError(.fileReadUnknown, userInfo: [NSFilePathErrorKey: file])
            }
            add(jsonl: [UInt8](data), file: file, fallbackSource: fallback, hasher: hasher)
        }
    }

    /// Adds the rows of one JSONL text.
    public mutating func add(jsonl bytes: [UInt8], file: String, fallbackSource: String, hasher: NgramHasher) {
        for (i, line) in bytes.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) { continue }
            guard let row = try? JSONValue.object(JSONParser.parseObject(line)),
                  let text = row[key: "text"]?.stringValue, let label = row[key: "label"]?.stringValue else {
                badLines.append("\(file):\(i + 1): not an object with string fields \"text\" and \"label\"")
                continue
            }
            if let target = row[key: "target"]?.stringValue, target != "input" { continue }
            // A corpus case marked `todo` documents a known gap; learning it would close the gap
            // only for that very text and hide it from `parapet test`.
            if row[key: "todo"] != nil { continue }
            let positive = Self.positiveLabels.contains(label)
            guard positive || Self.negativeLabels.contains(label) else { continue }
            let canonical = Canonicalizer.canonicalView(of: Array(text.utf8)).bytes
            var buckets: [Int32] = []
            buckets.reserveCapacity(canonical.count * 3 + 8)
            canonical.withUnsafeBufferPointer { buf in
                _ = hasher.forEachBucket(buf) { buckets.append(Int32($0)) }
            }
            examples.append(TrainingExample(source: row[key: "source"]?.stringValue ?? fallbackSource,
                                            family: row[key: "family"]?.stringValue ?? "", positive: positive,
                                            canonical: canonical, buckets: buckets))
        }
    }
}
