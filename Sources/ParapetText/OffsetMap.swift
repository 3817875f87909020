/// Maps byte offsets of a derived view back to byte ranges of the original text.
///
/// For view byte `i`, `starts[i]..<ends[i]` is the original range that produced it.
/// Both arrays are monotone non-decreasing, so a view range maps to
/// `starts[lo] ..< ends[hi - 1]`. `nil` arrays mean the identity map (the view has the
/// same byte positions as the original, e.g. ASCII lower-casing).
public struct OffsetMap: Sendable, Equatable {
    public let starts: [Int32]?
    public let ends: [Int32]?
    /// Length in bytes of the original text.
    public let originalCount: Int

    public static func identity(count: Int) -> OffsetMap { OffsetMap(starts: nil, ends: nil, originalCount: count) }

    public init(starts: [Int32]?, ends: [Int32]?, originalCount: Int) {
        precondition(starts?.count == ends?.count, "offset map arrays must have equal length")
        self.starts = starts
        self.ends = ends
        self.originalCount = originalCount
    }

    public var isIdentity: Bool { starts == nil }

    /// The original byte range covered by view range `r` (clamped to the original's bounds).
    public func originalRange(_ r: Range<Int>) -> Range<Int> {
        guard let starts, let ends else {
            let lo = min(r.lowerBound, originalCount), hi = min(r.upperBound, originalCount)
            return lo..<max(lo, hi)
        }
        if starts.isEmpty { return 0..<0 }
        if r.isEmpty {
            let p = r.lowerBound < starts.count ? Int(starts[r.lowerBound]) : Int(ends[starts.count - 1])
            return p..<p
        }
        let lo = Int(starts[min(r.lowerBound, starts.count - 1)])
        let hi = Int(ends[min(r.upperBound, starts.count) - 1])
        return lo..<max(lo, hi)
    }
}

extension OffsetMap {
    /// Maps through `self` into an intermediate text, then through `outer` to the original.
    /// Used for views built from other views (compact over canonical, nested decodings).
    public func composed(over outer: OffsetMap) -> OffsetMap {
        guard let starts, let ends else {
            // Identity over an intermediate text of the same length: the outer map decides.
            if outer.isIdentity { return .identity(count: outer.originalCount) }
            return outer.prefix(originalCount)
        }
        var s = [Int32](repeating: 0, count: starts.count)
        var e = [Int32](repeating: 0, count: starts.count)
        for i in 0..<starts.count {
            let lo = Int(starts[i]), hi = Int(ends[i])
            let r = outer.originalRange(lo..<max(lo, hi))
            s[i] = Int32(r.lowerBound)
            e[i] = Int32(r.upperBound)
        }
        // Clamping in originalRange can break monotonicity only at the edges; repair it.
        for i in 1..<max(1, s.count) where s[i] < s[i - 1] { s[i] = s[i - 1] }
        for i in 1..<max(1, e.count) where e[i] < e[i - 1] { e[i] = e[i - 1] }
        return OffsetMap(starts: s, ends: e, originalCount: outer.originalCount)
    }

    /// The first `count` view positions of this map (identity stays identity).
    func prefix(_ count: Int) -> OffsetMap {
        guard let starts, let ends else { return .identity(count: originalCount) }
        let n = min(count, starts.count)
        return OffsetMap(starts: Array(starts[..<n]), ends: Array(ends[..<n]), originalCount: originalCount)
    }

    /// Number of view bytes this map describes (nil for the identity map).
    public var viewCount: Int? { starts?.count }
}
