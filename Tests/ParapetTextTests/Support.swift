@testable import ParapetText

/// Deterministic SplitMix64 generator so property tests replay exactly.
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

extension SeededRandom {
    /// Up to `pieces - 1` runs, each one fill repeated fewer than `repeats` times and closed by
    /// one of `separators`: texts whose runs straddle the thresholds the byte passes test.
    mutating func runs(of fills: [[UInt8]], pieces: UInt64, repeats: UInt64, separators: [String]) -> [UInt8] {
        var text: [UInt8] = []
        for _ in 0..<Int(next() % pieces) {
            let fill = fills[Int(next() % UInt64(fills.count))]
            for _ in 0..<Int(next() % repeats) { text += fill }
            text += Array(separators[Int(next() % UInt64(separators.count))].utf8)
        }
        return text
    }
}
func text(_ b: [UInt8]) -> String { String(decoding: b, as: UTF8.self) }

extension TextView {
    var string: String { text(bytes) }

    /// The original text under the view range where `needle` occurs, or nil.
    func originalSlice(of needle: String, in original: [UInt8]) -> String? {
        let n = Array(needle.utf8)
        guard n.count <= bytes.count else { return nil }
        for i in 0...(bytes.count - n.count) where bytes[i..<(i + n.count)].elementsEqual(n) {
            let r = originalRange(i..<(i + n.count))
            return text(Array(original[r]))
        }
        return nil
    }
}

/// Checks the invariants every offset map must hold; returns a failure description or nil.
func mapProblem(_ v: TextView, originalCount: Int) -> String? {
    guard let s = v.map.starts, let e = v.map.ends else {
        return v.bytes.count <= originalCount ? nil : "identity map longer than original"
    }
    if s.count != v.bytes.count { return "map has \(s.count) entries for \(v.bytes.count) bytes" }
    for i in 0..<s.count {
        if s[i] < 0 || e[i] > Int32(originalCount) || s[i] > e[i] { return "entry \(i) out of bounds" }
        if i > 0 && (s[i] < s[i - 1] || e[i] < e[i - 1]) { return "entry \(i) not monotone" }
    }
    return nil
}
