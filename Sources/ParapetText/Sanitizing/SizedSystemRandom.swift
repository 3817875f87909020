/// The system generator with a stored field. Passing a zero-sized generator `inout` makes
/// ThreadSanitizer's access instrumentation read shadow memory at an arbitrary address and crash,
/// so code that draws tokens (spotlight boundaries, canaries) uses this instead.
public struct SizedSystemRandom: RandomNumberGenerator {
    private var system = SystemRandomNumberGenerator()
    private var draws = 0

    public init() {}

    public mutating func next() -> UInt64 {
        draws &+= 1
        return system.next()
    }
}
