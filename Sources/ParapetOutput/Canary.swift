#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ParapetRules
import ParapetText

/// Canary tokens: a random marker placed in a system prompt; seeing it in output proves a prompt leak.
public enum Canary {
    /// Every minted canary starts with this, so logs and the `leak.canary.shape` rule recognise one.
    public static let prefix = "pcy"
    static let alphabet = Array("abcdefghijkmnpqrstuvwxyz23456789".utf8)

    /// A fresh canary such as `pcy-7k2mq9xtr4hw8bnf5vdc` (20 random characters, ~100 bits).
    public static func mint<G: RandomNumberGenerator>(using rng: inout G) -> String {
        var s = prefix + "-"
        for _ in 0..<20 { s.unicodeScalars.append(Unicode.Scalar(alphabet[Int(rng.next() % UInt64(alphabet.count))])) }
        return s
    }

    /// A fresh canary from the system random generator.
    public static func mint() -> String {
        var g = SizedSystemRandom()
        return mint(using: &g)
    }
}

/// Finds the context's canaries in a view: verbatim, re-cased, split by spaces, punctuation or
/// invisible characters, or encoded as base64 or hex.
public struct CanaryDetector: Detector {
    public let maxSpan: Int?

    public init(maxSpan: Int) { self.maxSpan = maxSpan }

    public func detect(_ view: TextView, context: ScanContext) -> [DetectorHit] {
        // Without canaries of its own, only a minted shape can match: skip the folded copy
        // when no dash has a `y` (or a non-ASCII byte) before it.
        if context.canaries.isEmpty && !Self.mayHoldMintedShape(view.bytes) { return [] }
        let compact = FoldedText(view.bytes, keep: .nonSpace)
        var hits = Self.mintedShapes(compact, view.bytes)
        guard !context.canaries.isEmpty else { return hits }
        let folded = FoldedText(view.bytes, keep: .alphanumericFolded)
        for canary in context.canaries where canary.utf8.count >= 8 {
            let plain = FoldedText(Array(canary.utf8), keep: .alphanumericFolded).bytes
            for r in folded.occurrences(of: plain) { hits.append(DetectorHit(range: r, note: "canary token")) }
            for needle in Self.hexForms(canary) {
                for r in folded.occurrences(of: needle) { hits.append(DetectorHit(range: r, note: "canary token (hex)")) }
            }
            for needle in Self.base64Forms(canary) {
                for r in compact.occurrences(of: needle) { hits.append(DetectorHit(range: r, note: "canary token (base64)")) }
            }
        }
        return hits
    }

    /// Any minted-looking canary (`pcy-` + 20 alphabet characters, any case, spaces and invisibles
    /// removed), so a leak is caught even when the application did not pass its canaries.
    static func mintedShapes(_ t: FoldedText, _ original: [UInt8]) -> [DetectorHit] {
        let b = t.bytes
        var hits: [DetectorHit] = []
        var i = 0
        while i + 24 <= b.count {
            let startsWord = t.origin[i] == 0 || !URLScanner.isWordByte(original[t.origin[i] - 1])
            if startsWord, b[i] | 0x20 == 0x70, b[i + 1] | 0x20 == 0x63, b[i + 2] | 0x20 == 0x79, b[i + 3] == 0x2D,
               b[(i + 4)..<(i + 24)].allSatisfy({ Canary.alphabet.contains($0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0) }),
               t.origin[i + 23] + 1 == original.count || !URLScanner.isWordByte(original[t.origin[i + 23] + 1]) {
                hits.append(DetectorHit(range: t.origin[i]..<(t.origin[i + 23] + 1), note: "minted canary token"))
                i += 24
            } else {
                i += 1
            }
        }
        return hits
    }

    /// Whether `b` may hold a minted shape: some `-` whose nearest byte before it, past ASCII
    /// whitespace, is `y`, `Y` or non-ASCII (which may be an invisible the folded text drops).
    /// Every shape `mintedShapes` finds has one (its `pcy-` with only spaces and invisibles
    /// dropped between `y` and `-`).
    static func mayHoldMintedShape(_ b: [UInt8]) -> Bool {
        b.withUnsafeBufferPointer { buf in
            guard let base = buf.baseAddress else { return false }
            var from = 0
            while from < buf.count, let hit = memchr(base + from, 0x2D, buf.count - from) {
                let j = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base
                var k = j - 1
                while k >= 0, buf[k] == 0x20 || (buf[k] >= 0x09 && buf[k] <= 0x0D) { k -= 1 }
                if k >= 0, buf[k] | 0x20 == 0x79 || buf[k] >= 0x80 { return true }
                from = j + 1
            }
            return false
        }
    }

    /// Lower-case hex of the canary (case folding already lowers the view).
    static func hexForms(_ canary: String) -> [[UInt8]] {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        for b in canary.utf8 { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 15)]) }
        return [out]
    }

    /// The stable inner part of the canary's base64 at each of the three byte alignments.
    static func base64Forms(_ canary: String) -> [[UInt8]] {
        let bytes = Array(canary.utf8)
        var forms: [[UInt8]] = []
        for shift in 0..<3 {
            let padded = [UInt8](repeating: 0, count: shift) + bytes
            var enc = Base64.encode(padded)
            // Characters touched by the padding or by the unknown next byte vary; keep the inner run.
            let lead = shift == 0 ? 0 : (shift * 8 + 5) / 6
            let totalBits = padded.count * 8
            let stable = totalBits / 6
            guard stable > lead + 8 else { continue }
            enc = Array(enc[lead..<stable])
            forms.append(enc)
        }
        return forms
    }
}

/// Standard base64 (RFC 4648) encoding, enough for building canary needles.
enum Base64 {
    static let table = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    static func encode(_ bytes: [UInt8]) -> [UInt8] {
        var out = [UInt8]()
        var i = 0
        while i + 2 < bytes.count {
            let n = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2])
            for s in [18, 12, 6, 0] { out.append(table[Int((n >> UInt32(s)) & 63)]) }
            i += 3
        }
        let rest = bytes.count - i
        if rest > 0 {
            var n = UInt32(bytes[i]) << 16
            if rest == 2 { n |= UInt32(bytes[i + 1]) << 8 }
            for (k, s) in [18, 12, 6].enumerated() where k <= rest { out.append(table[Int((n >> UInt32(s)) & 63)]) }
        }
        return out
    }
}
