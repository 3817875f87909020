import ParapetRules
import ParapetText

/// Links that can carry data out: auto-fetched embeds (Markdown images, HTML img/iframe/script/link)
/// and links whose URL carries a long payload, to hosts outside `ScanContext.allowedHosts`.
public struct LinkDetector: Detector {
    public enum Mode: String, Sendable {
        /// Markdown images and HTML embeds: the client fetches them without a click.
        case embed
        /// Any link or bare URL whose query or path carries a long value.
        case data
    }

    public let mode: Mode
    public let maxSpan: Int? = 2048

    public init(mode: Mode) { self.mode = mode }

    /// Every URL `URLScanner` reads opens with `http://` or `https://` (ASCII case aside), so a
    /// view without "http" holds no link to judge and the literal pass can skip the detector.
    public var triggerLiterals: [String]? { ["http"] }

    public func detect(_ view: TextView, context: ScanContext) -> [DetectorHit] {
        var hits: [DetectorHit] = []
        for url in URLScanner.urls(in: view.bytes) {
            if URLScanner.hostAllowed(url.host, context.allowedHosts) { continue }
            let carriesData = URLScanner.carriesData(url, in: view.bytes)
            switch mode {
            case .embed:
                guard url.isEmbed else { continue }
                hits.append(DetectorHit(range: url.range, score: carriesData ? 5 : 2,
                                        note: carriesData ? "auto-fetched URL with data to an unlisted host" : "auto-fetched URL to an unlisted host"))
            case .data:
                guard !url.isEmbed, carriesData else { continue }
                hits.append(DetectorHit(range: url.range, note: "URL with a long payload to an unlisted host"))
            }
        }
        return hits
    }
}

/// Byte-level URL finding for the link detector (no Foundation on the hot path).
enum URLScanner {
    struct Found {
        let range: Range<Int>
        let host: [UInt8]
        /// Byte offset where the path/query starts (after the host and port).
        let pathStart: Int
        let isEmbed: Bool
    }

    static let terminators: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0D, 0x22, 0x27, 0x3C, 0x3E, 0x29, 0x60, 0x5D]

    static func urls(in b: [UInt8]) -> [Found] {
        var out: [Found] = []
        var i = 0
        while i + 8 <= b.count {
            guard b[i] | 0x20 == 0x68, let schemeEnd = schemeEnd(b, i) else { i += 1; continue }
            if i > 0, isWordByte(b[i - 1]) { i += 1; continue }
            var j = schemeEnd
            while j < b.count, !terminators.contains(b[j]) { j += 1 }
            // Trailing sentence punctuation is not part of the URL.
            while j > schemeEnd, [0x2E, 0x2C, 0x3B, 0x3A, 0x21, 0x3F].contains(b[j - 1]) { j -= 1 }
            var hostStart = schemeEnd, k = schemeEnd
            while k < j, b[k] != 0x2F, b[k] != 0x3F, b[k] != 0x23 {
                if b[k] == 0x40 { hostStart = k + 1 }
                k += 1
            }
            var hostEnd = hostStart
            while hostEnd < k, b[hostEnd] != 0x3A { hostEnd += 1 }
            let host = b[hostStart..<hostEnd].map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
            if !host.isEmpty {
                out.append(Found(range: i..<j, host: host, pathStart: k, isEmbed: isEmbed(b, before: i)))
            }
            i = max(j, i + 1)
        }
        return out
    }

    static func schemeEnd(_ b: [UInt8], _ i: Int) -> Int? {
        let http = Array("http://".utf8), https = Array("https://".utf8)
        func has(_ p: [UInt8]) -> Bool {
            i + p.count <= b.count && zip(b[i..<(i + p.count)], p).allSatisfy { ($0 | 0x20) == $1 || $0 == $1 }
        }
        if has(https) { return i + https.count }
        if has(http) { return i + http.count }
        return nil
    }

    static func isWordByte(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A || (c >= 0x30 && c <= 0x39) }

    /// `![alt](URL`, or `src=` / `href=` of an img/iframe/script/link/embed/object/source tag, or CSS `url(`.
    static func isEmbed(_ b: [UInt8], before i: Int) -> Bool {
        var k = i - 1
        while k >= 0, b[k] == 0x20 || b[k] == 0x22 || b[k] == 0x27 || b[k] == 0x3C { k -= 1 }
        guard k >= 0 else { return false }
        if b[k] == 0x28 {
            // Markdown: "](" preceded somewhere on the line by "![".
            if k >= 1, b[k - 1] == 0x5D {
                var m = k - 2
                while m >= 1, b[m] != 0x0A {
                    if b[m] == 0x5B && b[m - 1] == 0x21 { return true }
                    if b[m] == 0x5B { return false }
                    m -= 1
                }
                return false
            }
            // CSS url( inside a style attribute or sheet.
            return k >= 3 && lower(b[(k - 3)..<k]) == Array("url".utf8)
        }
        guard b[k] == 0x3D else { return false }
        // Attribute name, then the tag it belongs to.
        var a = k - 1
        while a >= 0, b[a] == 0x20 { a -= 1 }
        let nameEnd = a + 1
        while a >= 0, isWordByte(b[a]) { a -= 1 }
        let name = lower(b[(a + 1)..<nameEnd])
        guard name == Array("src".utf8) || name == Array("href".utf8) || name == Array("poster".utf8) || name == Array("data".utf8) else { return false }
        var t = a
        while t >= 0, b[t] != 0x3C, b[t] != 0x3E { t -= 1 }
        guard t >= 0, b[t] == 0x3C else { return false }
        var e = t + 1
        while e < b.count, isWordByte(b[e]) { e += 1 }
        let tag = lower(b[(t + 1)..<e])
        let embeds = ["img", "iframe", "script", "embed", "object", "source", "video", "audio", "frame", "input"].map { Array($0.utf8) }
        if embeds.contains(tag) { return true }
        return tag == Array("link".utf8) && name == Array("href".utf8)
    }

    static func lower(_ s: ArraySlice<UInt8>) -> [UInt8] { s.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 } }

    /// A query value of 24+ bytes, or a path segment of 32+ bytes that looks encoded (base64/hex-like).
    static func carriesData(_ u: Found, in b: [UInt8]) -> Bool {
        var segLen = 0, maxQueryValue = 0, maxSegment = 0, inQuery = false, inValue = false
        for k in u.pathStart..<u.range.upperBound {
            let c = b[k]
            switch c {
            case 0x3F: inQuery = true; inValue = false; segLen = 0
            case 0x26, 0x23: inValue = false; segLen = 0
            case 0x3D where inQuery: inValue = true; segLen = 0
            case 0x2F where !inQuery: segLen = 0
            default:
                segLen += 1
                if inQuery && inValue { maxQueryValue = max(maxQueryValue, segLen) }
                if !inQuery && c != 0x2E && c != 0x2D && c != 0x5F { maxSegment = max(maxSegment, segLen) } else if !inQuery { maxSegment = max(maxSegment, segLen) }
            }
        }
        return maxQueryValue >= 24 || maxSegment >= 40
    }

    /// Whether `host` is one of `allowed` or a subdomain of one.
    static func hostAllowed(_ host: [UInt8], _ allowed: [String]) -> Bool {
        for a in allowed {
            let h = Array(a.lowercased().utf8)
            if host == h { return true }
            if host.count > h.count, host[host.count - h.count - 1] == 0x2E, Array(host.suffix(h.count)) == h { return true }
        }
        return false
    }
}
