/// Finds encoded payloads in the input and decodes them, recursively and within bounds.
///
/// Every decoded segment becomes one `.decoded` view: the segment canonicalized, mapped
/// through every nesting level back into the encoded span of the original input, with a
/// chain such as `["percent", "base64", "canonical"]`. Bounds: `decodeDepth` nesting levels
/// and a decoded-byte budget of `min(maxDecodedBytes, maxDecodeExpansion * input.count)`;
/// reaching either adds a `ViewNote` and stops that branch.
public enum DecodeChain {
    public struct Result: Sendable {
        public var views: [TextView]
        public var notes: [ViewNote]
        /// The input is ASCII and holds no run of `Base64Decoder.minimumRun` or more base64
        /// bytes (`[A-Za-z0-9+/_-]`), so none of letters, digits, `_` and `-` either: learnt by
        /// the decoders' precheck, so a gate needing such a run is ruled out without a pass.
        public var shortRunsOnly = false
    }

    /// Bytes as a set member hashed as one block: `[UInt8]`'s own hash feeds the hasher a byte
    /// at a time, which cost more than the decoders on long inputs.
    private struct SeenBytes: Hashable {
        let bytes: [UInt8]
        init(_ bytes: [UInt8]) { self.bytes = bytes }
        func hash(into hasher: inout Hasher) { bytes.withUnsafeBytes { hasher.combine(bytes: $0) } }
    }

    private struct Pending {
        var bytes: [UInt8]
        var map: OffsetMap
        var chain: [String]
        var depth: Int
    }

    public static func decodedViews(of input: [UInt8], options: ViewOptions) -> Result {
        var result = Result(views: [], notes: [])
        let (first, hints) = segmentsAndHints(in: input)
        result.shortRunsOnly = !hints.contains(.base64Run) && !hints.contains(.nonASCII)
        if first.isEmpty { return result }
        let budget = min(options.maxDecodedBytes, options.maxDecodeExpansion.multipliedReportingOverflow(by: max(input.count, 1)).partialValue)
        var used = 0
        var seen: Set<SeenBytes> = [SeenBytes(input)]
        var queue = [Pending(bytes: input, map: .identity(count: input.count), chain: [], depth: 0)]
        var head = 0
        var depthNoted = false
        while head < queue.count {
            let item = queue[head]
            let segs = head == 0 ? first : segments(in: item.bytes)
            head += 1
            if segs.isEmpty { continue }
            if item.depth >= options.decodeDepth {
                if !depthNoted {
                    result.notes.append(ViewNote(kind: .decodeDepth, detail: "decoding stopped at depth \(options.decodeDepth) (\(item.chain.joined(separator: " → ")))"))
                    depthNoted = true
                }
                continue
            }
            for seg in segs {
                if used + seg.bytes.count > budget {
                    result.notes.append(ViewNote(kind: .decodeExpansion, detail: "decoded output reached its budget of \(budget) bytes"))
                    return result
                }
                guard seen.insert(SeenBytes(seg.bytes)).inserted else { continue }
                used += seg.bytes.count
                let map = seg.map(sourceCount: item.bytes.count).composed(over: item.map)
                let chain = item.chain + [seg.transform]
                let canon = Canonicalizer.canonicalView(of: seg.bytes)
                result.views.append(TextView(kind: .decoded, bytes: canon.bytes, map: canon.map.composed(over: map), chain: chain + ["canonical"]))
                queue.append(Pending(bytes: seg.bytes, map: map, chain: chain, depth: item.depth + 1))
            }
        }
        return result
    }

    /// All payloads directly visible in `text` (one nesting level).
    public static func segments(in text: [UInt8]) -> [DecodedSegment] { segmentsAndHints(in: text).0 }

    /// `segments(in:)` and the precheck's hints it was chosen by.
    static func segmentsAndHints(in text: [UInt8]) -> ([DecodedSegment], EncodingHints) {
        let hints = EncodingHints.scan(text)
        if hints.subtracting(.nonASCII).isEmpty { return ([], hints) }
        var out = [DecodedSegment]()
        if hints.contains(.comment) { out += HTMLCommentExtractor.segments(in: text) }
        if hints.contains(.tagLead) { out += TagCharDecoder.segments(in: text) }
        if hints.contains(.base64Run) { out += Base64Decoder.segments(in: text) }
        if hints.contains(.hexRun) { out += HexDecoder.segments(in: text) }
        if hints.contains(.percent), let s = PercentDecoder.segment(in: text) { out.append(s) }
        if hints.contains(.ampersand), let s = HTMLEntityDecoder.segment(in: text) { out.append(s) }
        if hints.contains(.backslash), let s = BackslashEscapeDecoder.segment(in: text) { out.append(s) }
        if hints.contains(.rotWord), let s = Rot13Decoder.segment(in: text) { out.append(s) }
        return (out, hints)
    }
}
