/// Bounds on view building; hitting one is reported, never silently ignored.
public struct ViewOptions: Sendable, Hashable {
    /// How many nested decodings (base64 inside percent-encoding ...) are followed.
    public var decodeDepth: Int
    /// Total decoded bytes kept per input, as a multiple of the input size (expansion bound).
    public var maxDecodeExpansion: Int
    /// Absolute cap on decoded bytes per input.
    public var maxDecodedBytes: Int

    /// Words the rules look for (lower-case ASCII), used to read a l33t "1" as "i" or "l".
    public var leetLexicon: Set<[UInt8]> = []

    public init(decodeDepth: Int = 3, maxDecodeExpansion: Int = 4, maxDecodedBytes: Int = 1 << 20) {
        self.decodeDepth = decodeDepth
        self.maxDecodeExpansion = maxDecodeExpansion
        self.maxDecodedBytes = maxDecodedBytes
    }

    public static let `default` = ViewOptions()
}
