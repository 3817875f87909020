/// Finds encoded payloads in the input and decodes them, recursively and within bounds.
public enum DecodeChain {
    public struct Result: Sendable {
        public var views: [TextView]
        public var notes: [ViewNote]
    }

    public static func decodedViews(of input: [UInt8], options: ViewOptions) -> Result {
        Result(views: [], notes: [])
    }
}
