/// The composed form of a YAML document, which the build plugin writes for each file of the
/// default pack so start-up reads a finished tree instead of parsing YAML. Text framing with
/// byte-counted strings, so reading it needs no unescaping and no intermediate tree:
///
/// - `s<style>,<line>,<column>,<n>:<n bytes>` a scalar (`style`: Yams' raw style number);
///   `n…` instead of `s…` for a scalar tagged `!!null`;
/// - `[<line>,<column>,<count>:` then `count` nodes: a sequence;
/// - `{<line>,<column>,<count>:` then `count` key/value node pairs: a mapping, in source order;
/// - `~` alone: a file without a document.
///
/// `line` 0 means the composer gave no position. Plugins/EmbedRulesTool writes this form;
/// `ComposedPackTests` checks that both ways of reading the pack give identical rule specs.
enum ComposedYAML {
    /// The document in `form`: `.some(nil)` for an empty document, nil if `form` is not in the
    /// composed form (the caller then parses the YAML text instead).
    static func document(_ form: String) -> YAMLNode?? {
        var form = form
        return form.withUTF8 { bytes -> YAMLNode?? in
            if bytes.count == 1, bytes[0] == UInt8(ascii: "~") { return .some(nil) }
            var reader = Reader(bytes: bytes)
            guard let root = reader.node(depth: 0), reader.pos == bytes.count else { return nil }
            return .some(root)
        }
    }

    /// One pass over the bytes; every read is bounds-checked and a malformed form gives nil.
    struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var pos = 0

        mutating func node(depth: Int) -> YAMLNode? {
            guard pos < bytes.count, depth < 256 else { return nil }
            let kind = bytes[pos]
            pos += 1
            switch kind {
            case UInt8(ascii: "s"), UInt8(ascii: "n"):
                guard let raw = number(UInt8(ascii: ",")), let style = YAMLScalar.Style(rawValue: UInt32(raw)),
                      let at = mark(), let length = number(UInt8(ascii: ":")), length <= bytes.count - pos else { return nil }
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[pos..<pos + length]), as: UTF8.self)
                pos += length
                return .scalar(YAMLScalar(string: text, style: style, isNullTagged: kind == UInt8(ascii: "n"), mark: at))
            case UInt8(ascii: "["):
                guard let at = mark(), let count = number(UInt8(ascii: ":")), count <= bytes.count - pos else { return nil }
                var items: [YAMLNode] = []
                items.reserveCapacity(count)
                for _ in 0..<count {
                    guard let item = node(depth: depth + 1) else { return nil }
                    items.append(item)
                }
                return .sequence(items, at)
            case UInt8(ascii: "{"):
                guard let at = mark(), let count = number(UInt8(ascii: ":")), count <= bytes.count - pos else { return nil }
                var pairs: [(key: YAMLNode, value: YAMLNode)] = []
                pairs.reserveCapacity(count)
                for _ in 0..<count {
                    guard let key = node(depth: depth + 1), let value = node(depth: depth + 1) else { return nil }
                    pairs.append((key: key, value: value))
                }
                return .mapping(pairs, at)
            default:
                return nil
            }
        }

        /// `<line>,<column>,` — an absent position is written as line 0.
        mutating func mark() -> YAMLMark?? {
            guard let line = number(UInt8(ascii: ",")), let column = number(UInt8(ascii: ",")) else { return nil }
            return .some(line > 0 ? YAMLMark(line: line, column: column) : nil)
        }

        /// Decimal digits followed by the byte `stop` (`,` or `:`).
        mutating func number(_ stop: UInt8) -> Int? {
            var value = 0, digits = 0
            while pos < bytes.count, bytes[pos] != stop {
                let d = bytes[pos] &- UInt8(ascii: "0")
                guard d < 10, digits < 12 else { return nil }
                value = value * 10 + Int(d)
                digits += 1
                pos += 1
            }
            guard digits > 0, pos < bytes.count else { return nil }
            pos += 1
            return value
        }
    }
}
