/// Writes every character as a `\uXXXX` escape inside a string literal.
public struct EscapeMutator: Mutator {
    public let name = "unicode-escape"
    public init() {}

    public func mutate(_ text: String, seed: UInt64) -> String {
        let hex = Array("0123456789abcdef".utf8)
        var out = "msg = \""
        for s in text.unicodeScalars {
            guard s.value <= 0xFFFF else { out.unicodeScalars.append(s); continue }
            let v = Int(s.value)
            out += "\\u" + String(decoding: [hex[v >> 12 & 15], hex[v >> 8 & 15], hex[v >> 4 & 15], hex[v & 15]], as: UTF8.self)
        }
        return out + "\"  # decode and run"
    }
}
