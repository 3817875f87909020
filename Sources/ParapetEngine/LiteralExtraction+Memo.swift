import Synchronization

/// Extraction results of large groups, shared by the patterns of one engine build.
///
/// Several patterns of the default pack repeat the same long alternation (a list of harmful
/// goals, of request verbs); reading it once saves most of the start-up extraction. A group's
/// result depends only on its bytes and the reader's flags at its `(` (the reader never looks
/// behind a group's start or past its `)`), so a result is reused only for the same bytes under
/// the same flags. Literals are kept outside any reader's arena and copied into the arena of the
/// reader that reuses them. Safe to share between threads.
final class GroupMemo: Sendable {
    /// Shorter groups are cheaper to read than to copy, store and look up (most of the pack's
    /// repeats are long: a goal list of ~3,800 bytes, a request list of ~7,100; 256 or 512
    /// saved less).
    static let minLength = 1024

    struct Key: Hashable, Sendable {
        let bytes: [UInt8]
        /// caseless, keepCase, canonicalSpace as bits 0, 1, 2.
        let flags: UInt8

        func hash(into hasher: inout Hasher) {
            hasher.combine(flags)
            bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
        }
    }

    /// A group's result with its literals in `blob` (each `Lit` relative to it).
    struct Entry: Sendable {
        let blob: [UInt8]
        let info: LiteralInfo
        /// Whether the group switched caseless matching on (`PatternReader.sawCaseless`).
        let sawCaseless: Bool

        init(_ info: LiteralInfo, _ arena: LiteralArena, sawCaseless: Bool) {
            var blob: [UInt8] = []
            func move(_ s: ByteStrings) -> ByteStrings {
                s.remapped { lit in
                    let moved = Lit(start: Int32(blob.count), count: lit.count, placeholder: lit.placeholder)
                    blob.append(contentsOf: arena.bytes(lit))
                    return moved
                }
            }
            self.info = LiteralInfo(exact: info.exact.map(move), required: info.required.map(move),
                                    also: info.also.map(move), factors: info.factors.map(move), extra: info.extra.map(move))
            self.blob = blob
            self.sawCaseless = sawCaseless
        }

        /// The result with its literals copied into `arena`.
        func info(into arena: inout LiteralArena) -> LiteralInfo {
            let base = blob.isEmpty ? 0 : arena.add(blob).start
            func move(_ s: ByteStrings) -> ByteStrings {
                s.remapped { Lit(start: $0.start + base, count: $0.count, placeholder: $0.placeholder) }
            }
            return LiteralInfo(exact: info.exact.map(move), required: info.required.map(move),
                               also: info.also.map(move), factors: info.factors.map(move), extra: info.extra.map(move))
        }
    }

    private let table = Mutex<[Key: Entry]>([:])

    func entry(_ key: Key) -> Entry? { table.withLock { $0[key] } }

    func store(_ key: Key, _ entry: Entry) { table.withLock { $0[key] = entry } }

    /// Groups held (for tests).
    var count: Int { table.withLock { $0.count } }

    /// Per byte offset of a `(`: the offset just past its `)`, else -1; nil when the pattern
    /// quotes (`\Q`), where this quick scan would go wrong. Only a guess where to look: a group
    /// is stored under the bytes it was actually read from, so a wrong guess only misses.
    static func groupEnds(_ b: [UInt8]) -> [Int32]? {
        var ends = [Int32](repeating: -1, count: b.count)
        var open: [Int] = []
        let n = b.count
        var i = 0
        while i < n {
            switch b[i] {
            case UInt8(ascii: "\\"):
                if i + 1 < n, b[i + 1] == UInt8(ascii: "Q") { return nil }
                i += 2
                continue
            case UInt8(ascii: "["):
                i += 1
                if i < n, b[i] == UInt8(ascii: "^") { i += 1 }
                if i < n, b[i] == UInt8(ascii: "]") { i += 1 }
                while i < n, b[i] != UInt8(ascii: "]") {
                    if b[i] == UInt8(ascii: "\\") { i += 2; continue }
                    if b[i] == UInt8(ascii: "["), i + 1 < n, b[i + 1] == UInt8(ascii: ":") {
                        i += 2
                        while i + 1 < n, !(b[i] == UInt8(ascii: ":") && b[i + 1] == UInt8(ascii: "]")) { i += 1 }
                        i += 2
                        continue
                    }
                    i += 1
                }
            case UInt8(ascii: "("):
                if i + 2 < n, b[i + 1] == UInt8(ascii: "?"), b[i + 2] == UInt8(ascii: "#") {
                    while i < n, b[i] != UInt8(ascii: ")") { i += 1 }
                } else {
                    open.append(i)
                }
            case UInt8(ascii: ")"):
                guard let o = open.popLast() else { return nil }
                ends[o] = Int32(i + 1)
            default:
                break
            }
            i += 1
        }
        return ends
    }
}

extension PatternReader {
    /// `parseGroup`, reusing (or storing) the result of a large group in `memo`.
    mutating func memoGroup(_ memo: GroupMemo) -> LiteralInfo? {
        let start = pos
        guard start < groupEnds.count, groupEnds[start] - Int32(start) >= Int32(GroupMemo.minLength),
              Self.keepsFlags(bytes, at: start) else { return parseGroup() }
        let end = Int(groupEnds[start])
        let flags: UInt8 = (caseless ? 1 : 0) | (keepCase ? 2 : 0) | (canonicalSpace ? 4 : 0)
        let key = GroupMemo.Key(bytes: Array(bytes[start..<end]), flags: flags)
        if let hit = memo.entry(key) {
            pos = end
            if hit.sawCaseless { sawCaseless = true }
            return hit.info(into: &arena)
        }
        // The group's own `(?i)`, apart from what the pattern saw before it.
        let sawBefore = sawCaseless
        sawCaseless = false
        let info = parseGroup()
        let sawInside = sawCaseless
        sawCaseless = sawBefore || sawInside
        if let info, pos == end { memo.store(key, GroupMemo.Entry(info, arena, sawCaseless: sawInside)) }
        return info
    }

    /// Whether the group at `start` leaves the reader's flags as they were (all but `(?i)` and
    /// the like, which switch them to the end of the enclosing group).
    static func keepsFlags(_ b: [UInt8], at start: Int) -> Bool {
        guard start + 2 < b.count, b[start + 1] == UInt8(ascii: "?") else { return true }
        switch b[start + 2] {
        case UInt8(ascii: ":"), UInt8(ascii: ">"), UInt8(ascii: "|"), UInt8(ascii: "="), UInt8(ascii: "!"),
             UInt8(ascii: "<"), UInt8(ascii: "'"), UInt8(ascii: "P"):
            return true
        default:
            return false
        }
    }
}
