/// New bytes from a sanitizing action, plus the original byte ranges it changed.
public struct SanitizeResult: Sendable, Equatable {
    public var bytes: [UInt8]
    /// Ranges of the input that were removed or rewritten, ascending, non-overlapping.
    public var changed: [Range<Int>]

    public init(bytes: [UInt8], changed: [Range<Int>]) {
        self.bytes = bytes
        self.changed = changed
    }

    public var didChange: Bool { !changed.isEmpty }
}
