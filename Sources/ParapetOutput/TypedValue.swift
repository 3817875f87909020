/// Shapes of hand-typed stand-in values: keyboard sequences in generated-looking keys, anonymous-login mail names.
enum TypedValue {
    /// True when `bytes` holds a run of 5+ characters stepping by one (`abcde`, `54321`) or an
    /// interleaved pair of such runs (`a1b2c3`, `d4c3b2a1`): people type these, generators rarely do
    /// (for random hex the chance of either run in 40 characters is about 0.1%).
    static func hasTypedRun(_ bytes: ArraySlice<UInt8>) -> Bool {
        let b = Array(bytes).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        for stride in 1...2 {
            for step in [1, -1] {
                var run = 0
                var i = 0
                while i + stride < b.count {
                    if isAlnum(b[i]) && Int(b[i + stride]) - Int(b[i]) == step && isAlnum(b[i + stride]) {
                        run += 1
                        if run >= 4 { return true }
                    } else {
                        run = 0
                    }
                    i += 1
                }
            }
        }
        return false
    }

    /// The anonymous-FTP convention (RFC 1635): the "password" is a mail name ending in `@`.
    static func isAnonymousMailName(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard bytes.count >= 2, bytes.last == UInt8(ascii: "@") else { return false }
        return bytes.dropLast().allSatisfy { ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A }
    }

    /// True when the value is RFC 7617's documented example password ("open sesame", any case, with a
    /// space, `_`, `-` or nothing between the words): Basic-auth explanations quote it, like AWS's
    /// `AKIAIOSFODNN7EXAMPLE`, and it protects nothing.
    static func isDocumentedExample(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard bytes.count <= 12 else { return false }
        var folded: [UInt8] = []
        for c in bytes where c != 0x20 && c != UInt8(ascii: "_") && c != UInt8(ascii: "-") {
            folded.append(c >= 0x41 && c <= 0x5A ? c | 0x20 : c)
        }
        return folded == Array("opensesame".utf8)
    }

    private static func isAlnum(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7A)
    }
}
