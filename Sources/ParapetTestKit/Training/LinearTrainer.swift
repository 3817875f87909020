import Foundation
import ParapetDetectors

/// Logistic regression over hashed n-grams, fitted with AdaGrad and an L2 penalty on the weights
/// an example touches. Everything that could vary between runs is fixed: the seed drives the only
/// randomness (the order of examples in each epoch), the epoch count is a setting, and sums run
/// in a fixed order, so the same examples and settings give byte-identical model files.
public struct LinearTrainer: Sendable {
    public var bits = 18
    public var epochs = 8
    public var learningRate = 0.2
    public var l2 = 1e-4
    public var seed: UInt64 = 1
    /// Give every (source, label) group the same total weight, so a large source does not
    /// decide what "attack" or "benign" looks like.
    public var balanceSources = true

    public init() {}

    /// Sets each example's weight per `balanceSources` (mean group size / group size).
    public func weighted(_ examples: [TrainingExample]) -> [TrainingExample] {
        guard balanceSources else { return examples.map { var e = $0; e.weight = 1; return e } }
        var sizes: [String: Int] = [:]
        for e in examples { sizes[Self.group(e), default: 0] += 1 }
        let mean = Double(examples.count) / Double(max(1, sizes.count))
        return examples.map { var e = $0; e.weight = mean / Double(sizes[Self.group(e)]!); return e }
    }

    static func group(_ e: TrainingExample) -> String { e.source + (e.positive ? "\u{1}+" : "\u{1}-") }

    /// Fits a model to `examples` (already hashed with `NgramHasher(bits: bits)`).
    public func train(_ input: [TrainingExample]) -> LinearModel {
        let examples = weighted(input)
        let size = 1 << bits
        var w = [Double](repeating: 0, count: size)
        var g2 = [Double](repeating: 0, count: size)
        var bias = 0.0, biasG2 = 0.0
        var order = Array(examples.indices)
        var rng = SplitMix64(seed: seed)
        for _ in 0..<epochs {
            // Fisher-Yates with the seeded generator.
            if order.count > 1 {
                for i in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(i, rng.index(below: i + 1)) }
            }
            for idx in order {
                let e = examples[idx]
                guard !e.buckets.isEmpty else { continue }
                let inv = 1 / Double(e.buckets.count).squareRoot()
                var z = 0.0
                for b in e.buckets { z += w[Int(b)] }
                z = bias + z * inv
                let err = (Self.sigmoid(z) - (e.positive ? 1 : 0)) * e.weight
                for b in e.buckets {
                    let k = Int(b)
                    let g = err * inv + l2 * w[k]
                    g2[k] += g * g
                    w[k] -= learningRate * g / (g2[k].squareRoot() + 1e-8)
                }
                biasG2 += err * err
                bias -= learningRate * err / (biasG2.squareRoot() + 1e-8)
            }
        }
        return Self.quantize(w, bias: bias, bits: bits)
    }

    /// Int8 weights with one scale: the largest weight maps to ±127.
    static func quantize(_ w: [Double], bias: Double, bits: Int) -> LinearModel {
        var maxAbs = 0.0
        for x in w { maxAbs = max(maxAbs, abs(x)) }
        let scale = maxAbs > 0 ? maxAbs / 127 : 1
        let q = w.map { Int8(max(-127, min(127, ($0 / scale).rounded()))) }
        return LinearModel(bits: bits, scale: Float(scale), bias: Float(bias), weights: q)
    }

    static func sigmoid(_ z: Double) -> Double { 1 / (1 + Foundation.exp(-z)) }
}
