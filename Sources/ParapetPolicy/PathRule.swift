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
        guard let norm = Self.normalize(raw, base: base) else {
            return raw.utf8.contains(0) ? "path contains a NUL byte" : "path \(Self.quote(raw)) is relative and no base directory is set"
        }
        let parts = Glob.parts(norm)
        if let d = deny.first(where: { $0.matches(parts: parts) }) { return "path \(Self.quote(norm)) is under denied \(d.source)" }
        if !allow.contains(where: { $0.matches(parts: parts) }) {
            return "path \(Self.quote(norm)) is outside \(allow.map(\.source).joined(separator: ", "))"
        }
        return nil
    }

    /// The absolute, lexically normalized path, or nil when it cannot be made absolute or holds NUL.
    public static func normalize(_ raw: String, base: String? = nil) -> String? {
        if raw.utf8.contains(0) { return nil }
        var full = raw
        if !raw.hasPrefix("/") {
            guard let base, base.hasPrefix("/") else { return nil }
            full = base + "/" + raw
        }
        var parts: [Substring] = []
        for seg in full.split(separator: "/", omittingEmptySubsequences: true) {
            if seg == "." { continue }
            if seg == ".." {
                if !parts.isEmpty { parts.removeLast() }
                continue
            }
            parts.append(seg)
        }
        return "/" + parts.joined(separator: "/")
    }

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
        matches(parts: Self.parts(normalizedPath))
    }

    /// Matches pre-split segments, so a path checked against many globs is split once.
    func matches(parts: [[UInt8]]) -> Bool { Self.match(segments[...], parts[...]) }

    static func parts(_ path: String) -> [[UInt8]] {
        path.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true).map(Array.init)
    }

    private static func match(_ g: ArraySlice<[UInt8]>, _ p: ArraySlice<[UInt8]>) -> Bool {
        guard let head = g.first else { return p.isEmpty }
        if head == [UInt8(ascii: "*"), UInt8(ascii: "*")] {
            let rest = g.dropFirst()
            var tail = p
            while true {
                if match(rest, tail) { return true }
                if tail.isEmpty { return false }
                tail = tail.dropFirst()
            }
        }
        guard let seg = p.first, segmentMatch(head[...], seg[...]) else { return false }
        return match(g.dropFirst(), p.dropFirst())
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
