import ParapetRules

/// Typed access to a detector's `params`, with errors that name the bad key.
struct DetectorParams {
    let raw: [String: RuleValue]
    let allowed: Set<String>

    init(_ raw: [String: RuleValue], allowed: Set<String>) throws {
        self.raw = raw
        self.allowed = allowed
        for key in raw.keys where !allowed.contains(key) {
            throw DetectorParamError("unknown parameter '\(key)' (known: \(allowed.sorted().joined(separator: ", ")))")
        }
    }

    func int(_ key: String, default d: Int, in range: ClosedRange<Int>) throws -> Int {
        guard let v = raw[key] else { return d }
        guard let i = v.int, range.contains(i) else {
            throw DetectorParamError("'\(key)' must be an integer in \(range.lowerBound)...\(range.upperBound)")
        }
        return i
    }

    /// A non-empty list of non-empty strings, lower-cased (views are case-folded).
    func words(_ key: String, default d: [String]? = nil) throws -> [String] {
        guard let v = raw[key] else {
            if let d { return d }
            throw DetectorParamError("'\(key)' is required")
        }
        guard let list = v.strings, !list.isEmpty, !list.contains(where: \.isEmpty) else {
            throw DetectorParamError("'\(key)' must be a non-empty list of non-empty strings")
        }
        return list.map { $0.lowercased() }
    }

    func number(_ key: String, default d: Double, in range: ClosedRange<Double>) throws -> Double {
        guard let v = raw[key] else { return d }
        guard let n = v.number, range.contains(n) else {
            throw DetectorParamError("'\(key)' must be a number in \(range.lowerBound)...\(range.upperBound)")
        }
        return n
    }
}
