/// The views of one input, built lazily and cached for the duration of one scan.
/// Not thread-safe: one scan owns one ViewSet.
public final class ViewSet {
    public let original: [UInt8]
    public let options: ViewOptions
    /// Built views by `ViewKind.allCases` position (four slots: no hashing on the rule loop's
    /// many lookups). Unchecked exclusivity: one scan owns the set and no access overlaps
    /// another, so the runtime check the rule loop would pay on every lookup proves nothing.
    @exclusivity(unchecked) private var cache: [[TextView]?] = [nil, nil, nil, nil]
    /// Limits hit while building views (e.g. decode depth), reported by the engine.
    @exclusivity(unchecked) public private(set) var notes: [ViewNote] = []
    /// `DecodeChain.Result.shortRunsOnly` for the original; false until the decoded views are built.
    @exclusivity(unchecked) public private(set) var shortRunsOnly = false

    public init(_ original: [UInt8], options: ViewOptions = .default) {
        self.original = original
        self.options = options
    }

    /// All views of `kind`: one for raw and canonical; for compact, one only when it differs from
    /// canonical (rules that list compact also match canonical, so an identical copy would only
    /// cost a second scan); one per decoded segment for `.decoded`.
    public func views(_ kind: ViewKind) -> [TextView] {
        let slot = Self.slot(kind)
        if let cached = cache[slot] { return cached }
        let built: [TextView]
        switch kind {
        case .raw:
            built = [TextView(kind: .raw, bytes: original, map: .identity(count: original.count), chain: [])]
        case .canonical:
            built = [Canonicalizer.canonicalView(of: original)]
        case .compact:
            let canonical = views(.canonical)[0]
            let compact = Compactor.compactView(of: canonical, lexicon: options.leetLexicon)
            built = compact.bytes == canonical.bytes ? [] : [compact]
        case .decoded:
            var result = DecodeChain.decodedViews(of: original, options: options)
            notes.append(contentsOf: result.notes)
            shortRunsOnly = result.shortRunsOnly
            result.notes = []
            built = result.views
        }
        cache[slot] = built
        return built
    }

    @inline(__always)
    static func slot(_ kind: ViewKind) -> Int {
        switch kind {
        case .raw: return 0
        case .canonical: return 1
        case .compact: return 2
        case .decoded: return 3
        }
    }
}

/// Something view building wants the engine to report (a bound that was reached).
public struct ViewNote: Sendable, Hashable {
    public enum Kind: String, Sendable { case decodeDepth = "decode_depth", decodeExpansion = "decode_expansion" }
    public let kind: Kind
    public let detail: String
    public init(kind: Kind, detail: String) { self.kind = kind; self.detail = detail }
}
