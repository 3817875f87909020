/// Escapes chat-template and role tokens so data cannot pose as a system or assistant turn.
///
/// Escaping scheme: one backslash is inserted so the exact token no longer occurs but a
/// reader still sees what was there:
/// - `<|name|>` (im_start, im_end, endoftext, eot_id, ...) -> `<\|name\|>`
/// - `[INST]`, `[/INST]` -> `[\INST]`, `[\/INST]`; `<<SYS>>`, `<</SYS>>` -> `<\<SYS>>`, `<\</SYS>>`
/// - `<system>`, `</system>` (also assistant / user / developer tags) -> `<\system>`, `<\/system>`
/// - at line start: `### System:` / `System:` / `Assistant:` / `Human:` / `Developer:`
///   (any case, optional `#` heading marks) -> the same with `\` before the role word.
public enum RoleTokenNeutralizer {
    static let roleWords = ["system", "assistant", "human", "developer"]
    static let tagWords = ["system", "assistant", "user", "developer"]

    public static func neutralize(_ input: [UInt8]) -> SanitizeResult {
        var out = [UInt8]()
        out.reserveCapacity(input.count + 16)
        var changed = [Range<Int>]()
        var i = 0
        var lineStart = true
        let n = input.count
        while i < n {
            let b = input[i]
            if lineStart, let (roleAt, end) = lineRole(input, i) {
                out.append(contentsOf: input[i..<roleAt]); out.append(0x5C); out.append(contentsOf: input[roleAt..<end])
                changed.append(i..<end); i = end; lineStart = false
                continue
            }
            if b == 0x0A { lineStart = true } else if b != 0x20 && b != 0x09 && b != 0x0D { lineStart = false }
            if b == 0x3C, i + 1 < n, input[i + 1] == 0x7C, let end = pipeToken(input, i) {
                // <|name|>: escape both pipes.
                out.append(0x3C); out.append(0x5C); out.append(contentsOf: input[(i + 1)..<(end - 2)])
                out.append(0x5C); out.append(0x7C); out.append(0x3E)
                changed.append(i..<end); i = end
                continue
            }
            if b == 0x5B, let end = word(input, i + 1, optionalSlash: true, ["inst"], close: 0x5D) {
                out.append(0x5B); out.append(0x5C); out.append(contentsOf: input[(i + 1)..<end])
                changed.append(i..<end); i = end
                continue
            }
            if b == 0x3C, i + 1 < n, input[i + 1] == 0x3C, let end = word(input, i + 2, optionalSlash: true, ["sys"], close: 0x3E),
               end < n, input[end] == 0x3E {
                out.append(0x3C); out.append(0x5C); out.append(contentsOf: input[(i + 1)...end])
                changed.append(i..<(end + 1)); i = end + 1
                continue
            }
            if b == 0x3C, let end = word(input, i + 1, optionalSlash: true, tagWords, close: 0x3E) {
                out.append(0x3C); out.append(0x5C); out.append(contentsOf: input[(i + 1)..<end])
                changed.append(i..<end); i = end
                continue
            }
            out.append(b)
            i += 1
        }
        return SanitizeResult(bytes: out, changed: changed)
    }

    /// End (exclusive) of `<|name|>` at `i`, name made of letters, digits and `_`.
    private static func pipeToken(_ t: [UInt8], _ i: Int) -> Int? {
        var p = i + 2
        while p < t.count, p - i < 40, isNameByte(t[p]) { p += 1 }
        guard p > i + 2, p + 1 < t.count, t[p] == 0x7C, t[p + 1] == 0x3E else { return nil }
        return p + 2
    }

    /// Matches `[/]word` + `close` case-insensitively at `p`; returns the end after `close`.
    private static func word(_ t: [UInt8], _ p: Int, optionalSlash: Bool, _ words: [String], close: UInt8) -> Int? {
        var q = p
        if optionalSlash, q < t.count, t[q] == 0x2F { q += 1 }
        for w in words {
            let u = Array(w.utf8)
            guard q + u.count < t.count else { continue }
            if (0..<u.count).allSatisfy({ t[q + $0] | 0x20 == u[$0] }), t[q + u.count] == close { return q + u.count + 1 }
        }
        return nil
    }

    /// At a line start (after indentation): `#`* then a role word then `:`. Returns where the
    /// role word starts and where the colon ends.
    private static func lineRole(_ t: [UInt8], _ i: Int) -> (Int, Int)? {
        var p = i
        while p < t.count, t[p] == 0x20 || t[p] == 0x09 { p += 1 }
        while p < t.count, t[p] == 0x23 { p += 1 }
        while p < t.count, t[p] == 0x20 { p += 1 }
        for w in roleWords {
            let u = Array(w.utf8)
            guard p + u.count < t.count, (0..<u.count).allSatisfy({ t[p + $0] | 0x20 == u[$0] }) else { continue }
            var q = p + u.count
            while q < t.count, t[q] == 0x20 { q += 1 }
            if q < t.count, t[q] == 0x3A { return (p, q + 1) }
        }
        return nil
    }

    @inline(__always) private static func isNameByte(_ b: UInt8) -> Bool {
        (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A || (b >= 0x30 && b <= 0x39) || b == 0x5F || b == 0x2D
    }
}
