/// Resource bounds for parsing untrusted JSON; every limit hit is a `JSONError`, never a crash.
///
/// Defaults (`JSONLimits.default`):
/// - `maxDepth` 64: nested arrays/objects; the parser is iterative, so the bound is about
///   memory and about recursive consumers of the result, not the parser's own stack.
/// - `maxBytes` 16 MiB: the whole input.
/// - `maxStringBytes` 4 MiB: one string or key, measured in decoded UTF-8 bytes.
/// - `maxNumberBytes` 1,024: the source text of one number.
/// - `maxContainerCount` 100,000: elements of one array or members of one object.
/// - `maxValueCount` 1,000,000: values in the whole document (scalars and containers), which
///   caps the memory a small hostile input such as `[0,0,0,…]` can make the parser allocate.
public struct JSONLimits: Sendable, Equatable {
    public var maxDepth: Int
    public var maxBytes: Int
    public var maxStringBytes: Int
    public var maxNumberBytes: Int
    public var maxContainerCount: Int
    public var maxValueCount: Int

    public init(
        maxDepth: Int = 64,
        maxBytes: Int = 16 << 20,
        maxStringBytes: Int = 4 << 20,
        maxNumberBytes: Int = 1_024,
        maxContainerCount: Int = 100_000,
        maxValueCount: Int = 1_000_000
    ) {
        self.maxDepth = maxDepth
        self.maxBytes = maxBytes
        self.maxStringBytes = maxStringBytes
        self.maxNumberBytes = maxNumberBytes
        self.maxContainerCount = maxContainerCount
        self.maxValueCount = maxValueCount
    }

    /// The documented defaults above.
    public static let `default` = JSONLimits()
}
