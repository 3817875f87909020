import Yams

/// Composes a YAML file with Yams and writes the tree in the composed form `ComposedYAML`
/// (in ParapetRules) reads back; keep the two in step. Strings are byte-counted, not escaped:
/// `s<style>,<line>,<column>,<bytes>:<text>` a scalar (`n` instead of `s` when tagged
/// `!!null`), `[<line>,<column>,<count>:` a sequence, `{<line>,<column>,<pairs>:` a mapping,
/// `~` an empty document.
enum Composer {
    /// The composed form of `text`, or nil when it is not valid YAML (the library then parses
    /// the text itself and reports the error with its position).
    static func composed(_ text: String) -> String? {
        // The resolver ParapetRules composes with: plain scalars stay strings.
        let document: Node?
        do { document = try Yams.compose(yaml: text, Resolver.basic) } catch { return nil }
        guard let root = document else { return "~" }
        var out = ""
        write(root, into: &out)
        return out
    }

    static func write(_ node: Node, into out: inout String) {
        func position(_ mark: Mark?) -> String { "\(mark?.line ?? 0),\(mark?.column ?? 0)," }
        switch node {
        case .scalar(let s):
            out += node.tag.description == "tag:yaml.org,2002:null" ? "n" : "s"
            out += "\(s.style.rawValue)," + position(s.mark) + "\(s.string.utf8.count):" + s.string
        case .sequence(let seq):
            out += "[" + position(seq.mark) + "\(seq.count):"
            for item in seq { write(item, into: &out) }
        case .mapping(let m):
            out += "{" + position(m.mark) + "\(m.count):"
            for pair in m {
                write(pair.key, into: &out)
                write(pair.value, into: &out)
            }
        case .alias(let a):
            // The composer resolves aliases; an unresolved one reads as an empty plain scalar.
            out += "s1," + position(a.mark) + "0:"
        }
    }
}
