/// An evasion an attacker might apply to a prompt: a deterministic, pure text transform.
///
/// The same `(text, seed)` always gives the same output, so mutation runs are reproducible.
public protocol Mutator: Sendable {
    /// Short stable name used in reports (`homoglyph`, `zero-width`, ...).
    var name: String { get }
    func mutate(_ text: String, seed: UInt64) -> String
}

/// The mutators `parapet test --mutate` applies, in report order.
public enum Mutators {
    public static let all: [any Mutator] = [
        HomoglyphMutator(), ZeroWidthMutator(), TagCharacterMutator(), FullwidthMutator(),
        SpacingMutator(), LeetMutator(), CaseMutator(), Base64WrapMutator(), HexWrapMutator(),
        BidiMutator(), PercentWrapMutator(), EntityMutator(), EscapeMutator(), Rot13Mutator(), CommentMutator(),
    ]
}

/// Seeded randomness for mutators (SplitMix64 underneath: reproducibility, not security).
public struct SeededRandom: Sendable {
    private var core: SplitMix64
    public init(seed: UInt64) { core = SplitMix64(seed: seed) }

    public mutating func next() -> UInt64 { core.next() }

    /// True with probability `numerator / denominator`.
    public mutating func chance(_ numerator: UInt64, in denominator: UInt64) -> Bool { next() % denominator < numerator }

    public mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }
}

/// A stable 64-bit seed from a string (FNV-1a), so seeds do not depend on Swift's per-process hashing.
public func stableSeed(_ parts: String...) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for p in parts {
        for b in p.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        h = (h ^ 0xFF) &* 0x100_0000_01b3
    }
    return h
}

extension Unicode.Scalar {
    var isASCIILetter: Bool { (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value) }
}
