/// A filtered copy of a view's bytes with a map back to view offsets, so a needle split by
/// spaces, punctuation or invisible characters can still be found and located.
struct FoldedText {
    enum Keep {
        /// ASCII letters and digits, lower-cased; everything else (spaces, dashes, invisibles) dropped.
        case alphanumericFolded
        /// Every byte except ASCII whitespace and invisible format characters (for base64).
        case nonSpace
    }

    private(set) var bytes: [UInt8] = []
    private(set) var origin: [Int] = []

    init(_ input: [UInt8], keep: Keep) {
        bytes.reserveCapacity(input.count)
        var i = 0
        while i < input.count {
            let b = input[i]
            if b >= 0x80 {
                let (scalar, len) = UTF8Decoding.decode(input, at: i)
                // Non-ASCII letters never occur in canaries; invisibles and spaces are separators.
                if keep == .nonSpace, let scalar, !Invisibles.isInvisible(scalar), !scalar.properties.isWhitespace {
                    for k in 0..<len { bytes.append(input[i + k]); origin.append(i + k) }
                }
                i += len
                continue
            }
            switch keep {
            case .alphanumericFolded:
                if (b >= 0x30 && b <= 0x39) || (b >= 0x61 && b <= 0x7A) { bytes.append(b); origin.append(i) }
                else if b >= 0x41 && b <= 0x5A { bytes.append(b | 0x20); origin.append(i) }
            case .nonSpace:
                if !(b == 0x20 || (b >= 0x09 && b <= 0x0D)) { bytes.append(b); origin.append(i) }
            }
            i += 1
        }
    }

    /// View ranges (first to last kept byte) of every non-overlapping occurrence of `needle`.
    func occurrences(of needle: [UInt8]) -> [Range<Int>] {
        guard !needle.isEmpty, needle.count <= bytes.count else { return [] }
        var out: [Range<Int>] = []
        var i = 0
        while i + needle.count <= bytes.count {
            if bytes[i] == needle[0] && bytes[i..<(i + needle.count)].elementsEqual(needle) {
                out.append(origin[i]..<(origin[i + needle.count - 1] + 1))
                i += needle.count
            } else {
                i += 1
            }
        }
        return out
    }
}

import ParapetRules
import ParapetText
