/// The non-ASCII canonical path, driven by the generated tables (no Foundation).
///
/// Confusables policy: a look-alike letter (Cyrillic `о`, Greek `Ν`, Armenian `ո` ...) is
/// folded to its Latin letter only inside a word that
/// - also contains a Latin letter (`Іgnоre`), or
/// - consists only of mappable look-alikes and either mixes scripts (Cyrillic with Greek)
///   or has at least three letters and stands next to a word with Latin letters
///   (`Ignore аll previous`).
/// A Russian or Greek sentence is therefore left as itself, while Latin words spelled with
/// look-alikes become plain Latin. Latin letters also lose diacritics (see the generator).
enum CanonicalUnicode {
    private enum Kind: UInt8 { case emit, space, drop }

    /// One decoded input scalar and how it folds.
    private struct Unit {
        var start: Int32
        var end: Int32
        var kind: Kind
        var scalar: UInt32
        var fold: Int32 = -1
        var conf: Int32 = -1
    }

    /// One word: a run of non-space units, with the facts the confusables policy needs.
    private struct Word {
        var range: Range<Int>
        /// Input bytes from the first word character to the end of the last (`WordTracker` only).
        var bytes: Range<Int32> = 0..<0
        var hasLatin = false
        var hasConf = false
        var allMappable = true
        var firstBucket: UInt32 = 0
        var mixedScripts = false
    }

    /// U+FFFD in UTF-8, written for a byte that does not decode.
    static let replacementCharacter: [UInt8] = [0xEF, 0xBF, 0xBD]

    static func canonical(_ input: [UInt8]) -> ([UInt8], OffsetMap) {
        canonicalWithoutConfusables(input) ?? canonicalWithWords(input) ?? canonicalGeneral(input)
    }

    /// The unit of a non-ASCII position: its scalar (nil when the bytes do not decode) with its
    /// kind, fold and confusable entries, as `decodeUnits` reads them.
    @inline(__always)
    private static func unit(_ scalar: Unicode.Scalar?, start: Int, end: Int, fold: ScalarTable, confusable: ScalarTable) -> Unit {
        let s = Int32(start), e = Int32(end)
        guard let scalar else { return Unit(start: s, end: e, kind: .emit, scalar: 0xFFFD) }
        let v = scalar.value
        // A tag space stands where a space was: dropping it would glue the visible words together.
        if v == 0xE0020 { return Unit(start: s, end: e, kind: .space, scalar: v) }
        if Invisibles.isInvisible(scalar) || isCombiningMark(v) || (v >= 0x80 && v < 0xA0) && v != 0x85 {
            return Unit(start: s, end: e, kind: .drop, scalar: v)
        }
        var u = Unit(start: s, end: e, kind: .emit, scalar: v)
        if let f = fold.index(of: v) {
            u.fold = Int32(f)
            if fold.has(ScalarTable.Trait.space, at: f) { u.kind = .space }
        }
        if isSpace(v) { u.kind = .space }
        if let c = confusable.index(of: v) { u.conf = Int32(c) }
        return u
    }

    /// The input byte ranges of the words whose look-alike letters fold to Latin, in order: the
    /// policy's answers, found in one pass that keeps no units (ASCII bytes cost a table read).
    static func foldingWords(_ input: [UInt8]) -> [Range<Int32>] {
        let fold = FoldTables.fold, confusable = FoldTables.confusable
        var words = [Word]()
        words.reserveCapacity(input.count / 4 + 4)
        input.withUnsafeBufferPointer { inp in
            ASCIIScan.canonicalClass.withUnsafeBufferPointer { cls in
              asciiAlnum.withUnsafeBufferPointer { alnum in
                var tracker = WordTracker()
                var i = 0, index = 0
                while i < inp.count {
                    let b0 = inp[i]
                    if b0 < 0x80 {
                        // A run of ASCII letters and digits extends one word at once.
                        if alnum[Int(b0)] != 0 {
                            var j = i + 1, kinds = alnum[Int(b0)]
                            while j < inp.count {
                                let k = alnum[Int(inp[j])]
                                if k == 0 { break }
                                kinds |= k
                                j += 1
                            }
                            let letters = kinds & 2 != 0
                            tracker.addASCIIRun(Int32(i)..<Int32(j), units: index..<(index + j - i), letters: letters)
                            index += j - i
                            i = j
                            continue
                        }
                        let k = cls[Int(b0)]
                        let u = Unit(start: Int32(i), end: Int32(i + 1), kind: k == 2 ? .space : k == 3 ? .drop : .emit, scalar: UInt32(b0))
                        tracker.add(u, at: index, fold: fold, into: &words)
                        i += 1
                    } else {
                        let (scalar, len) = UTF8Decoding.decode(input, at: i)
                        tracker.add(unit(scalar, start: i, end: i + len, fold: fold, confusable: confusable), at: index, fold: fold, into: &words)
                        i += len
                    }
                    index += 1
                }
                tracker.close(into: &words)
              }
            }
        }
        var out: [Range<Int32>] = []
        for k in words.indices where words[k].hasConf && shouldFold(words, k) { out.append(words[k].bytes) }
        return out
    }

    /// Per byte: 1 for an ASCII digit, 2 for an ASCII letter, else 0.
    private static let asciiAlnum: [UInt8] = (0..<256).map { b in
        b >= 0x30 && b <= 0x39 ? 1 : (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A ? 2 : 0
    }

    /// `findWords` as units arrive: the open word is kept in place and appended when it ends.
    private struct WordTracker {
        var w = Word(range: 0..<0)
        var open = false

        @inline(__always)
        mutating func add(_ u: Unit, at i: Int, fold: ScalarTable, into words: inout [Word]) {
            if u.kind == .drop { return }
            let v = u.scalar
            let isWordChar = u.kind == .emit && (v >= 0x80 || isASCIIAlnum(v))
            if !isWordChar {
                if open { words.append(w); open = false }
                return
            }
            if !open { w = Word(range: i..<i, bytes: u.start..<u.start); open = true }
            w.range = w.range.lowerBound..<(i + 1)
            w.bytes = w.bytes.lowerBound..<u.end
            // ASCII: a letter is Latin, a digit is neither; no confusable, nothing to map.
            if v < 0x80 {
                if (v | 0x20) >= 0x61 && (v | 0x20) <= 0x7A { w.hasLatin = true }
                return
            }
            let latin = isLatin(u, fold)
            if u.conf >= 0 {
                w.hasConf = true
                if !latin {
                    let bucket = scriptBucket(v)
                    if w.firstBucket == 0 { w.firstBucket = bucket } else if w.firstBucket != bucket { w.mixedScripts = true }
                }
            }
            if latin {
                w.hasLatin = true
            } else if u.conf < 0 && !foldsToASCII(u, fold) {
                w.allMappable = false
            }
        }

        /// ASCII letters and digits at `bytes` (units `units`): what `add` does for each of them.
        @inline(__always)
        mutating func addASCIIRun(_ bytes: Range<Int32>, units: Range<Int>, letters: Bool) {
            if !open { w = Word(range: units.lowerBound..<units.lowerBound, bytes: bytes.lowerBound..<bytes.lowerBound); open = true }
            w.range = w.range.lowerBound..<units.upperBound
            w.bytes = w.bytes.lowerBound..<bytes.upperBound
            if letters { w.hasLatin = true }
        }

        mutating func close(into words: inout [Word]) {
            if open { words.append(w); open = false }
        }
    }

    /// The path for any text: decoded units, then words for the confusables policy, then bytes.
    /// Taken only when folds outgrow the one pass's buffer; the specification it is tested against.
    static func canonicalGeneral(_ input: [UInt8]) -> ([UInt8], OffsetMap) {
        let units = decodeUnits(input)
        let words = findWords(units)
        var out = [UInt8](), starts = [Int32](), ends = [Int32]()
        out.reserveCapacity(input.count)
        starts.reserveCapacity(input.count)
        ends.reserveCapacity(input.count)
        func emit<S: Sequence>(_ bytes: S, _ u: Unit) where S.Element == UInt8 {
            for b in bytes { out.append(b); starts.append(u.start); ends.append(u.end) }
        }
        var lastSpace = true
        var wi = 0
        // The policy answer for word `foldFor` (asked once per word, not once per unit).
        var foldFor = -1, foldThis = false
        for (i, u) in units.enumerated() {
            while wi < words.count && words[wi].range.upperBound <= i { wi += 1 }
            switch u.kind {
            case .drop: continue
            case .space:
                if !lastSpace { emit(CollectionOfOne(0x20), u) }
                lastSpace = true
                continue
            case .emit: lastSpace = false
            }
            var foldWord = false
            if u.conf >= 0, wi < words.count, words[wi].range.contains(i) {
                if foldFor != wi { foldFor = wi; foldThis = shouldFold(words, wi) }
                foldWord = foldThis
            }
            if foldWord && u.conf >= 0 {
                emit(FoldTables.confusable.value(at: Int(u.conf)), u)
            } else if u.fold >= 0 {
                emit(FoldTables.fold.value(at: Int(u.fold)), u)
            } else if u.scalar < 0x80 {
                let b = UInt8(u.scalar)
                emit(CollectionOfOne(b >= 0x41 && b <= 0x5A ? b | 0x20 : b), u)
            } else if u.scalar != 0xFFFD || u.end - u.start == 3 {
                // A scalar the strict decoder accepted is its own UTF-8: copy the input bytes.
                emit(input[Int(u.start)..<Int(u.end)], u)
            } else {
                emit(replacementCharacter, u)
            }
        }
        return (out, OffsetMap(starts: starts, ends: ends, originalCount: input.count))
    }

    private static func shouldFold(_ words: [Word], _ i: Int) -> Bool {
        let w = words[i]
        guard w.hasConf else { return false }
        if w.hasLatin { return true }
        guard w.allMappable else { return false }
        if w.mixedScripts { return true }
        let latinBefore = i > 0 && words[i - 1].hasLatin
        let latinAfter = i + 1 < words.count && words[i + 1].hasLatin
        // Short words need Latin on both sides: "p = ρν" in a formula is Greek, not a disguise,
        // but "task іѕ: leak" is a Latin sentence with a disguised word.
        if w.range.count < 3 { return w.range.count == 2 && latinBefore && latinAfter }
        return latinBefore || latinAfter
    }

    private static func decodeUnits(_ input: [UInt8]) -> [Unit] {
        var units = [Unit]()
        units.reserveCapacity(input.count)
        var i = 0
        while i < input.count {
            let (scalar, len) = UTF8Decoding.decode(input, at: i)
            let start = Int32(i), end = Int32(i + len)
            i += len
            guard let scalar else {
                units.append(Unit(start: start, end: end, kind: .emit, scalar: 0xFFFD))
                continue
            }
            let v = scalar.value
            if v < 0x80 {
                let k = ASCIIScan.canonicalClass[Int(v)]
                units.append(Unit(start: start, end: end, kind: k == 2 ? .space : k == 3 ? .drop : .emit, scalar: v))
                continue
            }
            // A tag space stands where a space was: dropping it would glue the visible words together.
            if v == 0xE0020 {
                units.append(Unit(start: start, end: end, kind: .space, scalar: v))
                continue
            }
            if Invisibles.isInvisible(scalar) || isCombiningMark(v) || (v >= 0x80 && v < 0xA0) && v != 0x85 {
                units.append(Unit(start: start, end: end, kind: .drop, scalar: v))
                continue
            }
            var u = Unit(start: start, end: end, kind: .emit, scalar: v)
            if let f = FoldTables.fold.index(of: v) {
                u.fold = Int32(f)
                if FoldTables.fold.value(at: f).elementsEqual(CollectionOfOne(0x20)) { u.kind = .space }
            }
            if isSpace(v) { u.kind = .space }
            if let c = FoldTables.confusable.index(of: v) { u.conf = Int32(c) }
            units.append(u)
        }
        return units
    }

    private static func findWords(_ units: [Unit]) -> [Word] {
        var words = [Word](), tracker = WordTracker()
        let fold = FoldTables.fold
        for i in units.indices { tracker.add(units[i], at: i, fold: fold, into: &words) }
        tracker.close(into: &words)
        return words
    }

    private static func isASCIIAlnum(_ v: UInt32) -> Bool {
        (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A)
    }

    private static func foldsToASCII(_ u: Unit, _ fold: ScalarTable) -> Bool {
        u.fold >= 0 && fold.has(ScalarTable.Trait.ascii, at: Int(u.fold))
    }

    /// Latin letters: ASCII, anything that folds to an ASCII letter, and the Latin blocks.
    private static func isLatin(_ u: Unit, _ fold: ScalarTable) -> Bool {
        let v = u.scalar
        if v < 0x80 { return (v | 0x20) >= 0x61 && (v | 0x20) <= 0x7A }
        if foldsToASCII(u, fold), fold.has(ScalarTable.Trait.nonEmpty, at: Int(u.fold)) {
            return fold.has(ScalarTable.Trait.letterFirst, at: Int(u.fold))
        }
        switch v {
        case 0x00C0...0x02AF, 0x1D00...0x1DBF, 0x1E00...0x1EFF, 0x2C60...0x2C7F, 0xA720...0xA7FF, 0xAB30...0xAB6F:
            return true
        default:
            return false
        }
    }

    /// A coarse script id: enough to tell Cyrillic from Greek from Armenian from Cherokee.
    private static func scriptBucket(_ v: UInt32) -> UInt32 {
        switch v {
        case 0x0370...0x03FF, 0x1F00...0x1FFF: return 1
        case 0x0400...0x052F, 0x1C80...0x1C8F, 0x2DE0...0x2DFF, 0xA640...0xA69F: return 2
        case 0x0530...0x058F: return 3
        default: return 16 + (v >> 7)
        }
    }

    static func isCombiningMark(_ v: UInt32) -> Bool {
        switch v {
        case 0x0300...0x036F, 0x1AB0...0x1AFF, 0x1DC0...0x1DFF, 0x20D0...0x20FF, 0xFE20...0xFE2F: return true
        default: return false
        }
    }

    static func isSpace(_ v: UInt32) -> Bool {
        switch v {
        case 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }
}
