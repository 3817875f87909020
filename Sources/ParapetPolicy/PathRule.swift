/// File path constraint: the path is normalized lexically, then must match an `allow` glob and no `deny` glob.
///
/// Normalization never touches the file system: `//` and `.` collapse, `..` removes the previous
/// segment (and cannot climb above `/`). Relative paths are resolved against `base`, or refused
/// when there is none. NUL bytes are refused. Symlinks are out of reach of a lexical check; the
/// tool itself must not follow links out of its root.
public struct PathRule: Sendable {
    public var allow: [Glob]
    public var deny: [Glob]
    public var base: String?

    public init(allow: [Glob], deny: [Glob] = [], base: String? = nil) {
        self.allow = allow
        self.deny = deny
        self.base = base
    }

    func violation(_ raw: String) -> String? {
        guard let norm = Self.normalizedBytes(raw, base: base) else {
            return raw.utf8.contains(0) ? "path contains a NUL byte" : "path \(Self.quote(raw)) is relative and no base directory is set"
        }
        let parts = Glob.segmentRanges(norm)
        if let d = deny.first(where: { $0.matches(norm, parts) }) { return "path \(Self.quote(Self.text(norm))) is under denied \(d.source)" }
        if !allow.contains(where: { $0.matches(norm, parts) }) {
            return "path \(Self.quote(Self.text(norm))) is outside \(allow.map(\.source).joined(separator: ", "))"
        }
        return nil
    }

    /// The absolute, lexically normalized path, or nil when it cannot be made absolute or holds NUL.
    public static func normalize(_ raw: String, base: String? = nil) -> String? {
        normalizedBytes(raw, base: base).map(text)
    }

    /// `normalize` on bytes, in one output buffer: a policy decision runs it on every path argument.
    static func normalizedBytes(_ raw: String, base: String?) -> [UInt8]? {
        let input = Array(raw.utf8)
        if input.contains(0) { return nil }
        var out: [UInt8] = []
        if input.first != UInt8(ascii: "/") {
            guard let base, base.hasPrefix("/") else { return nil }
            out.reserveCapacity(base.utf8.count + input.count + 2)
            appendSegments(of: Array(base.utf8), to: &out)
        } else {
            out.reserveCapacity(input.count + 1)
        }
        appendSegments(of: input, to: &out)
        if out.isEmpty { out.append(UInt8(ascii: "/")) }
        return out
    }

    /// Appends `/segment` for each segment of `path`; `.` is skipped and `..` drops the last one.
    private static func appendSegments(of path: [UInt8], to out: inout [UInt8]) {
        let slash = UInt8(ascii: "/"), dot = UInt8(ascii: ".")
        var i = 0
        while i < path.count {
            while i < path.count, path[i] == slash { i += 1 }
            let start = i
            while i < path.count, path[i] != slash { i += 1 }
            let n = i - start
            if n == 0 || (n == 1 && path[start] == dot) { continue }
            if n == 2 && path[start] == dot && path[start + 1] == dot {
                if let last = out.lastIndex(of: slash) { out.removeSubrange(last...) }
                continue
            }
            out.append(slash)
            out.append(contentsOf: path[start..<i])
        }
    }

    static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    static func quote(_ s: String) -> String { quoted(s) }
}

/// A path glob: `*` and `?` stay within one segment, `**` spans any number of segments
/// (zero included, so `/workspace/**` also matches `/workspace`).
public struct Glob: Sendable, Hashable {
    public let source: String
    let segments: [[UInt8]]

    public init(_ source: String) {
        self.source = source
        self.segments = source.split(separator: "/", omittingEmptySubsequences: true).map { Array($0.utf8) }
    }

    public func matches(_ normalizedPath: String) -> Bool {
        let bytes = Array(normalizedPath.utf8)
        return matches(bytes, Self.segmentRanges(bytes))
    }

    /// Matches a path given as bytes and its segment ranges, so a path checked against many
    /// globs is split once and no segment is copied.
    func matches(_ path: [UInt8], _ parts: [Range<Int>]) -> Bool { Self.match(segments, 0, path, parts, 0) }

    /// Ranges of the non-empty `/`-separated segments of `path`.
    static func segmentRanges(_ path: [UInt8]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var i = 0
        while i < path.count {
            while i < path.count, path[i] == UInt8(ascii: "/") { i += 1 }
            let start = i
            while i < path.count, path[i] != UInt8(ascii: "/") { i += 1 }
            if i > start { ranges.append(start..<i) }
        }
        return ranges
    }

    private static func match(_ g: [[UInt8]], _ gi: Int, _ path: [UInt8], _ p: [Range<Int>], _ pi: Int) -> Bool {
        guard gi < g.count else { return pi == p.count }
        let head = g[gi]
        if head.count == 2, head[0] == UInt8(ascii: "*"), head[1] == UInt8(ascii: "*") {
            var k = pi
            while true {
                if match(g, gi + 1, path, p, k) { return true }
                if k == p.count { return false }
                k += 1
            }
        }
        guard pi < p.count, segmentMatch(head[...], path[p[pi]]) else { return false }
        return match(g, gi + 1, path, p, pi + 1)
    }

    /// Wildcard match of one segment; iterative with one backtrack point, so linear-ish.
    static func segmentMatch(_ pat: ArraySlice<UInt8>, _ s: ArraySlice<UInt8>) -> Bool {
        let pEnd = pat.endIndex, sEnd = s.endIndex
        var pi = pat.startIndex, si = s.startIndex, star = -1, mark = 0
        while si < sEnd {
            if pi < pEnd, pat[pi] == UInt8(ascii: "?") || pat[pi] == s[si], pat[pi] != UInt8(ascii: "*") {
                pi += 1; si += 1
            } else if pi < pEnd, pat[pi] == UInt8(ascii: "*") {
                star = pi; mark = si; pi += 1
            } else if star >= 0 {
                pi = star + 1; mark += 1; si = mark
            } else {
                return false
            }
        }
        while pi < pEnd, pat[pi] == UInt8(ascii: "*") { pi += 1 }
        return pi == pEnd
    }
}
