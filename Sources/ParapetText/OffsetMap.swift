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
