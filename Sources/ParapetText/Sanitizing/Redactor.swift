/// Replaces byte spans with placeholders. Spans are clamped to the input, overlapping
/// spans merge (keeping the earliest span's placeholder, or `conflict` when given and the
/// merged spans disagree), bytes outside spans never change.
public enum Redactor {
    public static func redact(_ bytes: [UInt8], spans: [(Range<Int>, String)], conflict: String? = nil) -> [UInt8] {
        let clamped = spans.compactMap { (r, p) -> (Range<Int>, String)? in
            let lo = max(0, min(r.lowerBound, bytes.count)), hi = max(lo, min(r.upperBound, bytes.count))
            return lo < hi ? (lo..<hi, p) : nil
        }.sorted { $0.0.lowerBound < $1.0.lowerBound }
        var merged = [(Range<Int>, String)]()
        for (r, p) in clamped {
            if let last = merged.last, r.lowerBound < last.0.upperBound {
                merged[merged.count - 1].0 = last.0.lowerBound..<max(last.0.upperBound, r.upperBound)
                if let conflict, p != last.1 { merged[merged.count - 1].1 = conflict }
            } else {
                merged.append((r, p))
            }
        }
        var out = [UInt8]()
        out.reserveCapacity(bytes.count)
        var pos = 0
        for (r, p) in merged {
            out += bytes[pos..<r.lowerBound]
            out += Array(p.utf8)
            pos = r.upperBound
        }
        out += bytes[pos...]
        return out
    }
}
