/// Checks for generic secrets: randomness (Shannon entropy) and "is this a real value, not a placeholder".
public enum SecretValue {
    /// Shannon entropy in bits per byte of `bytes`.
    public static func entropy(_ bytes: ArraySlice<UInt8>) -> Double {
        guard !bytes.isEmpty else { return 0 }
        var counts = [Int](repeating: 0, count: 256)
        for b in bytes { counts[Int(b)] += 1 }
        let n = Double(bytes.count)
        var h = 0.0
        for c in counts where c > 0 {
            let p = Double(c) / n
            h -= p * log2(p)
        }
        return h
    }

    /// A generic key/token value: at least 16 bytes, letters and digits mixed, entropy >= 3 bits/byte,
    /// and not a documented-placeholder shape.
    @Sendable public static func isHighEntropy(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard bytes.count >= 14, !looksLikePlaceholder(bytes) else { return false }
        if sequenceWords.contains(where: { contains(lowercased(bytes)[...], $0) }) { return false }
        if TypedValue.hasTypedRun(bytes) { return false }
        var digits = false, letters = false
        for b in bytes {
            if b >= 0x30 && b <= 0x39 { digits = true }
            if (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A { letters = true }
        }
        // Very long values have enough room for entropy even when one class is missing.
        guard letters && (digits || bytes.count >= 32) else { return false }
        return entropy(bytes) >= 3.0
    }

    /// A literal password/secret value: 3+ bytes, not a variable, template, mask or placeholder.
    @Sendable public static func isLiteral(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard bytes.count >= 3, let first = bytes.first else { return false }
        // Variables and templates: $VAR, ${x}, {{x}}, <x>, %x%, #{x}.
        if [UInt8(ascii: "$"), UInt8(ascii: "<"), UInt8(ascii: "{"), UInt8(ascii: "%"), UInt8(ascii: "[")].contains(first) { return false }
        if contains(bytes, "#{") || contains(bytes, "{{") || contains(bytes, "://") || contains(bytes, "&lt;") { return false }
        if bytes.starts(with: Array("arn:".utf8)) { return false }
        // Masks such as ******** or xxxxxxxx carry no secret.
        if Set(bytes).count == 1 { return false }
        // Typed runs and example words stay allowed here: real human passwords contain them.
        if TypedValue.isAnonymousMailName(bytes) { return false }
        if TypedValue.isDocumentedExample(bytes) { return false }
        return !looksLikePlaceholder(bytes)
    }

    /// Words that documentation uses in place of a real credential.
    static let placeholderWords = ["your_", "your-", "yourkey", "<", "xxxx", "placeholder", "changeme", "example", "redacted", "dummy", "replace", "insert", "...", "****",
                                     "env.", "process.", "getenv", "("]

    /// Sequences that make a long value look random to an entropy test while being typed by hand.
    static let sequenceWords = ["abcdef", "123456", "a1b2c3"]

    static func looksLikePlaceholder(_ bytes: ArraySlice<UInt8>) -> Bool {
        let lower = lowercased(bytes)
        return placeholderWords.contains { contains(lower[...], $0) }
    }

    static func lowercased(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
    }

    static func contains(_ hay: ArraySlice<UInt8>, _ needle: String) -> Bool {
        let n = Array(needle.utf8)
        guard n.count <= hay.count else { return false }
        var i = hay.startIndex
        while i + n.count <= hay.endIndex {
            if hay[i] == n[0] && hay[i..<(i + n.count)].elementsEqual(n) { return true }
            i += 1
        }
        return false
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
