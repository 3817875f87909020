import Yams

/// A composed YAML document as the rule reader sees it: scalars keep their text, style and
/// explicit null tag, every node keeps its position. It is built either from Yams (rule files
/// read at run time) or from the form the build plugin composed ahead of time (the default
/// pack), so both go through the same reader and give the same specs and diagnostics.
enum YAMLNode: Sendable {
    case scalar(YAMLScalar)
    case sequence([YAMLNode], YAMLMark?)
    case mapping([(key: YAMLNode, value: YAMLNode)], YAMLMark?)

    var scalar: YAMLScalar? { if case .scalar(let s) = self { return s }; return nil }
    var sequence: [YAMLNode]? { if case .sequence(let items, _) = self { return items }; return nil }
    var mapping: [(key: YAMLNode, value: YAMLNode)]? { if case .mapping(let pairs, _) = self { return pairs }; return nil }

    var mark: YAMLMark? {
        switch self {
        case .scalar(let s): return s.mark
        case .sequence(_, let m), .mapping(_, let m): return m
        }
    }
}

/// Line and column (both from 1; columns count Unicode scalars, as libyaml does).
struct YAMLMark: Sendable, Equatable {
    var line: Int
    var column: Int
}

/// A scalar's text and how it was written.
struct YAMLScalar: Sendable {
    /// Yams' scalar styles, with Yams' raw values (the composed form stores these numbers).
    enum Style: UInt32, Sendable {
        case any = 0, plain, singleQuoted, doubleQuoted, literal, folded
    }

    var string: String
    var style: Style
    /// Tagged `!!null` explicitly (plain scalars are never resolved to null implicitly here).
    var isNullTagged: Bool
    var mark: YAMLMark?
}

extension [(key: YAMLNode, value: YAMLNode)] {
    /// The value of the first pair whose key is the scalar `key`.
    subscript(key: String) -> YAMLNode? { first { $0.key.scalar?.string == key }?.value }
}

extension YAMLNode {
    static let nullTag = "tag:yaml.org,2002:null"

    /// Converts a Yams tree composed with `Resolver.basic` (aliases are already resolved by
    /// the composer; a stray alias node reads as an empty plain scalar).
    init(_ node: Node) {
        func mark(_ m: Mark?) -> YAMLMark? { m.map { YAMLMark(line: $0.line, column: $0.column) } }
        switch node {
        case .scalar(let s):
            let style = YAMLScalar.Style(rawValue: s.style.rawValue) ?? .any
            self = .scalar(YAMLScalar(string: s.string, style: style, isNullTagged: node.tag.description == Self.nullTag, mark: mark(s.mark)))
        case .sequence(let seq):
            self = .sequence(seq.map(YAMLNode.init), mark(seq.mark))
        case .mapping(let m):
            self = .mapping(m.map { (key: YAMLNode($0.key), value: YAMLNode($0.value)) }, mark(m.mark))
        case .alias(let a):
            self = .scalar(YAMLScalar(string: "", style: .plain, isNullTagged: false, mark: mark(a.mark)))
        }
    }
}
