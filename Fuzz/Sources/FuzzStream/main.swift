import FuzzCommon
import Parapet

// The streaming output validator against the batch scan: the first two bytes seed the chunking,
// the rest is model output. For output the batch allows or sanitizes, the concatenated releases
// must equal the batch text byte for byte; output the batch blocks on its rules (no limit
// involved) must end the stream blocked, having released only a prefix of the input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzStream(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = fuzzBytes(data, count)
    guard bytes.count >= 2 else { return 0 }
    var rng = UInt32(bytes[0]) << 8 | UInt32(bytes[1]) | 1
    let text = Array(bytes.dropFirst(2))
    let engine = StreamFixtures.engine
    let batch = engine.scan(text, target: .output)
    var stream = OutputStreamValidator(engine: engine)
    var released: [UInt8] = []
    var pos = 0
    while pos < text.count {
        // xorshift: chunk sizes 1...64, reproducible from the input.
        rng ^= rng << 13; rng ^= rng >> 17; rng ^= rng << 5
        let n = min(text.count - pos, Int(rng % 64) + 1)
        released += stream.feed(text[pos..<(pos + n)])
        pos += n
    }
    released += stream.finish()
    switch batch.decision {
    case .allow, .sanitize:
        let expected = batch.sanitized ?? text
        require(!stream.isBlocked, "batch \(batch.decision) but the stream blocked (\(batch.ruleIDs))")
        require(released == expected, "stream released \(released.count) bytes, batch gives \(expected.count): \(String(decoding: released, as: UTF8.self).debugDescription) vs \(String(decoding: expected, as: UTF8.self).debugDescription)")
    case .block:
        if batch.limits.isEmpty {
            require(stream.isBlocked, "batch blocked on \(batch.ruleIDs) but the stream did not")
        }
        if batch.sanitized == nil {
            require(released.count <= text.count && Array(text.prefix(released.count)) == released, "a blocked stream released bytes that are not a prefix of the input")
        }
    }
    return 0
}

enum StreamFixtures {
    /// The default pack with its default configuration (fail closed), as an application streams with it.
    static let engine = try! Guard().engine
}
