/// A logistic-regression model over hashed n-grams, as shipped in a `.plm` file: one Int8 weight
/// per bucket times a shared scale, plus a bias. Immutable and shared by every scan.
///
/// File layout (little-endian): "PLM1", bits (1 byte), 3 zero bytes, scale (Float32 bits),
/// bias (Float32 bits), then `2^bits` signed weight bytes.
public struct LinearModel: Sendable {
    public let hasher: NgramHasher
    public let scale: Float
    public let bias: Float
    public let weights: [Int8]

    static let magic: [UInt8] = Array("PLM1".utf8)
    static let headerSize = 16

    public init(bits: Int, scale: Float, bias: Float, weights: [Int8]) {
        precondition(weights.count == 1 << bits, "weight count must be 2^bits")
        hasher = NgramHasher(bits: bits)
        self.scale = scale
        self.bias = bias
        self.weights = weights
    }

    /// Reads a model file; nil when the bytes are not one.
    public init?(bytes: [UInt8]) {
        guard bytes.count >= Self.headerSize, Array(bytes[0..<4]) == Self.magic else { return nil }
        let bits = Int(bytes[4])
        guard (8...24).contains(bits), bytes.count == Self.headerSize + (1 << bits) else { return nil }
        let scale = Float(bitPattern: Self.readU32(bytes, 8))
        let bias = Float(bitPattern: Self.readU32(bytes, 12))
        guard scale.isFinite, scale > 0, bias.isFinite else { return nil }
        self.init(bits: bits, scale: scale, bias: bias,
                  weights: bytes[Self.headerSize...].map { Int8(bitPattern: $0) })
    }

    /// The file bytes; the same model always serializes to the same bytes.
    public func serialized() -> [UInt8] {
        var out = Self.magic
        out.append(UInt8(hasher.bits))
        out.append(contentsOf: [0, 0, 0])
        Self.appendU32(&out, scale.bitPattern)
        Self.appendU32(&out, bias.bitPattern)
        out.append(contentsOf: weights.map { UInt8(bitPattern: $0) })
        return out
    }

    /// The model's log-odds that `bytes` (a canonical view) is an attack.
    public func logit(_ bytes: [UInt8]) -> Double {
        var sum: Int = 0
        let n = bytes.withUnsafeBufferPointer { buf in
            weights.withUnsafeBufferPointer { w in
                hasher.forEachBucket(buf) { sum += Int(w[$0]) }
            }
        }
        guard n > 0 else { return Double(bias) }
        return Double(bias) + Double(scale) * Double(sum) / Double(n).squareRoot()
    }

    /// The model's probability that `bytes` is an attack.
    public func probability(_ bytes: [UInt8]) -> Double { 1 / (1 + (-logit(bytes)).exp) }

    static func readU32(_ b: [UInt8], _ at: Int) -> UInt32 {
        UInt32(b[at]) | UInt32(b[at + 1]) << 8 | UInt32(b[at + 2]) << 16 | UInt32(b[at + 3]) << 24
    }

    static func appendU32(_ out: inout [UInt8], _ v: UInt32) {
        for k in 0..<4 { out.append(UInt8(truncatingIfNeeded: v >> (8 * UInt32(k)))) }
    }
}

extension Double {
    /// e^self without Foundation.
    var exp: Double {
        // exp(x) = 2^(x·log2 e), split into an integer power and a short series on the rest.
        let y = self * 1.4426950408889634
        let k = y.rounded(.down)
        let r = (y - k) * 0.6931471805599453
        var term = 1.0, sum = 1.0
        for i in 1...14 { term *= r / Double(i); sum += term }
        return k > 1000 ? .infinity : (k < -1000 ? 0 : sum * Double(sign: .plus, exponent: Int(k), significand: 1))
    }
}
