/// A set of whole words compared ASCII-case-insensitively against byte slices.
struct WordSet: Sendable {
    private let words: Set<[UInt8]>
    let longest: Int

    init(_ list: [String]) {
        words = Set(list.map { Array($0.lowercased().utf8) })
        longest = list.map(\.utf8.count).max() ?? 0
    }

    /// True when `b[s..<e]`, lower-cased, is one of the words.
    func containsWord(_ b: [UInt8], _ s: Int, _ e: Int) -> Bool {
        let n = e - s
        guard n > 0, n <= longest else { return false }
        var w = [UInt8](repeating: 0, count: n)
        for k in 0..<n {
            let c = b[s + k]
            w[k] = (c >= 0x41 && c <= 0x5A) ? c | 0x20 : c
        }
        return words.contains(w)
    }
}
