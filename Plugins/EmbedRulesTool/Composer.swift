import Yams

/// Composes a YAML file with Yams and writes the tree in the JSON form `ComposedYAML` (in
/// ParapetRules) reads back; keep the two in step. A node is an array: `[0, line, column,
/// style, "text"]` a scalar (`1` first when tagged `!!null`), `[2, line, column, [items]]` a
/// sequence, `[3, line, column, [key, value, ...]]` a mapping; an empty document is `null`.
enum Composer {
    /// The composed form of `text`, or nil when it is not valid YAML (the library then parses
    /// the text itself and reports the error with its position).
    static func composedJSON(_ text: String) -> String? {
        // The resolver ParapetRules composes with: plain scalars stay strings.
        let document: Node?
        do { document = try Yams.compose(yaml: text, Resolver.basic) } catch { return nil }
        guard let root = document else { return "null" }
        var out = ""
        write(root, into: &out)
        return out
    }

    static func write(_ node: Node, into out: inout String) {
        func head(_ kind: Int, _ mark: Mark?) {
            out += "[\(kind),\(mark?.line ?? 0),\(mark?.column ?? 0),"
        }
        switch node {
        case .scalar(let s):
            head(node.tag.description == "tag:yaml.org,2002:null" ? 1 : 0, s.mark)
            out += "\(s.style.rawValue),"
            writeString(s.string, into: &out)
            out += "]"
        case .sequence(let seq):
            head(2, seq.mark)
            out += "["
            for (i, item) in seq.enumerated() {
                if i > 0 { out += "," }
                write(item, into: &out)
            }
            out += "]]"
        case .mapping(let m):
            head(3, m.mark)
            out += "["
            for (i, pair) in m.enumerated() {
                if i > 0 { out += "," }
                write(pair.key, into: &out)
                out += ","
                write(pair.value, into: &out)
            }
            out += "]]"
        case .alias(let a):
            // The composer resolves aliases; an unresolved one reads as an empty plain scalar.
            head(0, a.mark)
            out += "1,\"\"]"
        }
    }

    /// A JSON string: quotes, backslashes and control characters escaped, the rest verbatim.
    static func writeString(_ s: String, into out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
