/// The views of one input, built lazily and cached for the duration of one scan.
/// Not thread-safe: one scan owns one ViewSet.
public final class ViewSet {
    public let original: [UInt8]
    public let options: ViewOptions
    /// Built views, one slot per kind (no hashing on the rule loop's many lookups; stored
    /// properties, not an array of optionals, which cost a copy on the first write and a generic
    /// destroy per slot on every scan). Unchecked exclusivity: one scan owns the set and no
    /// access overlaps another, so the runtime check the rule loop would pay on every lookup
    /// proves nothing.
    @exclusivity(unchecked) private var rawViews: [TextView]?
    @exclusivity(unchecked) private var canonicalViews: [TextView]?
    @exclusivity(unchecked) private var compactViews: [TextView]?
    @exclusivity(unchecked) private var decodedViews: [TextView]?
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
        switch kind {
        case .raw:
            if let rawViews { return rawViews }
            let built = [TextView(kind: .raw, bytes: original, map: .identity(count: original.count), chain: [])]
            rawViews = built
            return built
        case .canonical:
            if let canonicalViews { return canonicalViews }
            let built = [Canonicalizer.canonicalView(of: original)]
            canonicalViews = built
            return built
        case .compact:
            if let compactViews { return compactViews }
            let canonical = views(.canonical)[0]
            let compact = Compactor.changedCompactView(of: canonical, lexicon: options.leetLexicon)
            let built = compact.map { $0.bytes == canonical.bytes ? [] : [$0] } ?? []
            compactViews = built
            return built
        case .decoded:
            if let decodedViews { return decodedViews }
            var result = DecodeChain.decodedViews(of: original, options: options)
            notes.append(contentsOf: result.notes)
            shortRunsOnly = result.shortRunsOnly
            result.notes = []
            decodedViews = result.views
            return result.views
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
