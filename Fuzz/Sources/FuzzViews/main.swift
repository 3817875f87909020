import FuzzCommon
import Parapet

// Every text view and the decode chain: each view byte maps inside the input, maps are
// monotone, and decoding stays within its depth and size bounds.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzViews(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let input = fuzzBytes(data, count)
    let options = ViewOptions(decodeDepth: 2, maxDecodeExpansion: 3, maxDecodedBytes: 4096)
    let set = ViewSet(input, options: options)
    var decodedTotal = 0
    for kind in ViewKind.allCases {
        for view in set.views(kind) {
            checkView(view, input: input)
            if kind == .decoded {
                decodedTotal += view.bytes.count
                // The chain is the decoders applied, then "canonical".
                require(view.chain.count - 1 <= options.decodeDepth, "decoded view nested \(view.chain) deeper than \(options.decodeDepth)")
            }
        }
    }
    // The budget counts decoded bytes; canonicalizing them can at most triple that (an invalid
    // byte becomes U+FFFD, three bytes), so that is the bound on what the views hold.
    let budget = min(options.maxDecodedBytes, options.maxDecodeExpansion * max(input.count, 1))
    require(decodedTotal <= 3 * budget, "decoded views hold \(decodedTotal) bytes from \(input.count) (budget \(budget))")
    return 0
}

func checkView(_ view: TextView, input: [UInt8]) {
    require(view.map.originalCount == input.count, "\(view.kind) map says original is \(view.map.originalCount) bytes, not \(input.count)")
    if let starts = view.map.starts, let ends = view.map.ends {
        require(starts.count == view.bytes.count, "\(view.kind) map has \(starts.count) entries for \(view.bytes.count) bytes")
        var prevStart: Int32 = 0, prevEnd: Int32 = 0
        for i in starts.indices {
            require(starts[i] >= 0 && starts[i] <= ends[i] && Int(ends[i]) <= input.count, "\(view.kind) byte \(i) maps to \(starts[i])..<\(ends[i])")
            require(starts[i] >= prevStart && ends[i] >= prevEnd, "\(view.kind) map not monotone at \(i)")
            prevStart = starts[i]; prevEnd = ends[i]
        }
    } else {
        require(view.bytes.count == input.count || view.kind == .decoded, "identity-mapped \(view.kind) view has \(view.bytes.count) bytes for \(input.count)")
    }
    // A few ranges of every shape, including empty ones and ones past the end.
    let n = view.bytes.count
    for (lo, hi) in [(0, n), (0, 0), (n, n), (n / 3, n / 2), (max(0, n - 1), n)] {
        let r = view.originalRange(lo..<hi)
        require(r.lowerBound >= 0 && r.upperBound <= input.count, "\(view.kind) range \(lo)..<\(hi) maps to \(r) outside 0..<\(input.count)")
    }
}
