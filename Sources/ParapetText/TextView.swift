/// One view of the input: bytes a rule matches on, how they map back, and how they were made.
public struct TextView: Sendable {
    public let kind: ViewKind
    public let bytes: [UInt8]
    public let map: OffsetMap
    /// Transforms that produced this view, outermost first, e.g. `["base64", "canonical"]`.
    public let chain: [String]

    public init(kind: ViewKind, bytes: [UInt8], map: OffsetMap, chain: [String]) {
        self.kind = kind
        self.bytes = bytes
        self.map = map
        self.chain = chain
    }

    /// Original byte range for a byte range of this view.
    public func originalRange(_ r: Range<Int>) -> Range<Int> { map.originalRange(r) }
}
