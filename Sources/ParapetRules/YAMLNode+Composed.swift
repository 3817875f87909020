import ParapetJSON

/// The composed form of a YAML document: JSON that the build plugin writes for each file of
/// the default pack, so start-up reads a tree instead of parsing YAML. One node is an array:
///
/// - `[0, line, column, style, "text"]` a scalar (`style`: Yams' raw style number);
///   `[1, …]` the same for a scalar tagged `!!null`;
/// - `[2, line, column, [item, …]]` a sequence;
/// - `[3, line, column, [key, value, key, value, …]]` a mapping, pairs in source order.
///
/// A document is its root node, or `null` when the file holds no document. `line` 0 means the
/// composer gave no position. Plugins/EmbedRulesTool writes this form; the equivalence test
/// (`ComposedPackTests`) checks that both ways of reading the pack give identical rule specs.
enum ComposedYAML {
    /// Limits sized for a rule file, not for hostile input (the text comes from the build).
    static let limits = JSONLimits(maxDepth: 256, maxBytes: 64 << 20, maxStringBytes: 16 << 20,
                                   maxContainerCount: 1 << 24, maxValueCount: 1 << 26)

    /// The document in `json`: `.some(nil)` for an empty document, nil if `json` is not in the
    /// composed form (the caller then parses the YAML text instead).
    static func document(_ json: String) -> YAMLNode?? {
        guard let value = try? JSONParser.parse(json, limits: limits) else { return nil }
        if value.isNull { return .some(nil) }
        guard let root = node(value) else { return nil }
        return .some(root)
    }

    static func node(_ value: JSONValue) -> YAMLNode? {
        guard case .array(let a) = value, a.count >= 4,
              let kind = a[0].intValue, let line = a[1].intValue, let column = a[2].intValue else { return nil }
        let mark = line > 0 ? YAMLMark(line: line, column: column) : nil
        switch kind {
        case 0, 1:
            guard a.count == 5, let raw = a[3].intValue, let style = YAMLScalar.Style(rawValue: UInt32(clamping: raw)),
                  let text = a[4].stringValue else { return nil }
            return .scalar(YAMLScalar(string: text, style: style, isNullTagged: kind == 1, mark: mark))
        case 2:
            guard case .array(let items) = a[3] else { return nil }
            var nodes: [YAMLNode] = []
            nodes.reserveCapacity(items.count)
            for item in items {
                guard let n = node(item) else { return nil }
                nodes.append(n)
            }
            return .sequence(nodes, mark)
        case 3:
            guard case .array(let flat) = a[3], flat.count % 2 == 0 else { return nil }
            var pairs: [(key: YAMLNode, value: YAMLNode)] = []
            pairs.reserveCapacity(flat.count / 2)
            var i = 0
            while i < flat.count {
                guard let k = node(flat[i]), let v = node(flat[i + 1]) else { return nil }
                pairs.append((key: k, value: v))
                i += 2
            }
            return .mapping(pairs, mark)
        default:
            return nil
        }
    }
}
