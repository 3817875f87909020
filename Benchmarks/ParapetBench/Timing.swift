#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Monotonic nanoseconds; cheaper and steadier than Foundation dates for microbenchmarks.
@inline(__always)
func nowNanos() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}

/// Median and 99th percentile of a set of samples (nanoseconds).
struct Stats {
    let median: Double
    let p99: Double
    let runs: Int

    init(_ samples: [UInt64]) {
        let s = samples.sorted()
        runs = s.count
        median = Double(s[s.count / 2])
        p99 = Double(s[min(s.count - 1, Int(Double(s.count) * 0.99))])
    }
}

/// Times `body` repeatedly: a short warm-up, then at least `minRuns` runs or `budget` seconds.
func measure(minRuns: Int = 200, maxRuns: Int = 20_000, budget: Double = 0.4, _ body: () -> Void) -> Stats {
    for _ in 0..<5 { body() }
    var samples: [UInt64] = []
    samples.reserveCapacity(maxRuns)
    let deadline = nowNanos() + UInt64(budget * 1e9)
    while samples.count < maxRuns, samples.count < minRuns || nowNanos() < deadline {
        let t0 = nowNanos()
        body()
        samples.append(nowNanos() - t0)
    }
    return Stats(samples)
}

/// Median cost of `body` over `baseline`, the two run in turn (at least `minRuns` pairs or
/// `budget` seconds) so that load from other processes raises both alike.
func measureDifference(minRuns: Int, budget: Double, _ body: () -> Void, minus baseline: () -> Void) -> Double {
    for _ in 0..<3 { body(); baseline() }
    var a: [UInt64] = [], b: [UInt64] = []
    let deadline = nowNanos() + UInt64(budget * 1e9)
    while a.count < minRuns || nowNanos() < deadline {
        let t0 = nowNanos()
        body()
        let t1 = nowNanos()
        baseline()
        a.append(t1 - t0)
        b.append(nowNanos() - t1)
    }
    return Stats(a).median - Stats(b).median
}

/// "12.3 µs" style, picking the unit by magnitude.
func fmt(_ nanos: Double) -> String {
    if nanos < 1_000 { return pad(String(format1(nanos)) + " ns") }
    if nanos < 1_000_000 { return pad(format1(nanos / 1_000) + " µs") }
    if nanos < 1_000_000_000 { return pad(format1(nanos / 1_000_000) + " ms") }
    return pad(format1(nanos / 1e9) + " s")
}

func format1(_ v: Double) -> String {
    let scaled = Int((v * 10).rounded())
    return "\(scaled / 10).\(scaled % 10)"
}

func format2(_ v: Double) -> String {
    let scaled = Int((v * 100).rounded())
    let frac = scaled % 100
    return "\(scaled / 100).\(frac < 10 ? "0" : "")\(frac)"
}

func pad(_ s: String, _ width: Int = 10) -> String {
    s.count >= width ? s : String(repeating: " ", count: width - s.count) + s
}

func padRight(_ s: String, _ width: Int) -> String {
    s.count >= width ? s : s + String(repeating: " ", count: width - s.count)
}

/// A small deterministic generator so every run measures the same inputs.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(_ seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Two buffers with the same bytes, used in turn. The heuristic detectors keep their token pass
/// for the last buffer they saw (`TextMemo`), so scanning one array over and over would measure
/// that cache, not a fresh request; alternating buffers makes every scan start cold.
final class Alternating {
    private let a: [UInt8], b: [UInt8]
    private var flip = false
    init(_ bytes: [UInt8]) { a = bytes.map { $0 }; b = bytes.map { $0 } }
    func next() -> [UInt8] { flip.toggle(); return flip ? a : b }
}
