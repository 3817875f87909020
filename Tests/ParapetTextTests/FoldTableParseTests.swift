import Testing
@testable import ParapetText

/// The byte-level table parser and the input-copy shortcut of the canonical path, each held
/// against the String-based code it replaced.
@Suite struct FoldTableParseTests {
    /// The parser the byte-level one replaced, kept here as the reference.
    private static func referenceEntries(_ packed: String) -> [(UInt32, [UInt8])] {
        var out: [(UInt32, [UInt8])] = []
        for entry in packed.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            let parts = entry.split(separator: ":")
            guard parts.count == 2, let key = UInt32(parts[0], radix: 16) else { continue }
            var value: [UInt8] = []
            for hex in parts[1].split(separator: ".") {
                guard let v = UInt32(hex, radix: 16), let s = Unicode.Scalar(v) else { continue }
                value.append(contentsOf: String(s).utf8)
            }
            out.append((key, value))
        }
        return out
    }

    @Test(arguments: [("fold", FoldTableData.fold), ("confusable", FoldTableData.confusable)])
    func byteParserMatchesStringParser(_ name: String, _ packed: String) {
        let reference = Self.referenceEntries(packed)
        let table = ScalarTable(packed: packed)
        #expect(table.count == reference.count, "\(name)")
        for (i, (key, value)) in reference.enumerated() {
            #expect(table.index(of: key) == i, "\(name) key \(key)")
            #expect(Array(table.value(at: i)) == value, "\(name) key \(key)")
        }
    }

    @Test(arguments: [("fold", FoldTables.fold), ("confusable", FoldTables.confusable)])
    func rankLookupEqualsSearch(_ name: String, _ table: ScalarTable) {
        var found = 0
        for v in UInt32(0)..<0x11000 {
            let index = table.index(of: v)
            if index != table.searchIndex(of: v) { Issue.record("\(name) U+\(String(v, radix: 16))"); return }
            if index != nil { found += 1 }
        }
        #expect(found > 100)
    }

    @Test(arguments: [("fold", FoldTables.fold), ("confusable", FoldTables.confusable)])
    func traitsDescribeTheValues(_ name: String, _ table: ScalarTable) {
        for i in 0..<table.count {
            let v = Array(table.value(at: i))
            let letterFirst = v.first.map { ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A } ?? false
            if table.has(ScalarTable.Trait.space, at: i) != (v == [0x20]) || table.has(ScalarTable.Trait.ascii, at: i) != v.allSatisfy({ $0 < 0x80 })
                || table.has(ScalarTable.Trait.letterFirst, at: i) != letterFirst || table.has(ScalarTable.Trait.nonEmpty, at: i) != !v.isEmpty {
                Issue.record("\(name) entry \(i): \(v)")
                return
            }
        }
    }

    @Test func malformedEntriesAreSkippedLikeTheReference() {
        let packed = "41:61 zz:62 42:63.XYZ.64 43 44:65\n  45:110000.66"
        let reference = Self.referenceEntries(packed)
        let table = ScalarTable(packed: packed)
        #expect(table.count == reference.count)
        for (i, (key, value)) in reference.enumerated() {
            #expect(table.index(of: key) == i)
            #expect(Array(table.value(at: i)) == value)
        }
    }

    /// The canonical path copies a decoded scalar's input bytes instead of re-encoding it: the
    /// strict decoder must only accept a sequence that is that scalar's own UTF-8.
    @Test func decodedScalarsAreTheirOwnUTF8() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let bytes = (0..<Int.random(in: 1...6, using: &rng)).map { _ in
                Bool.random(using: &rng) ? UInt8.random(in: 0x80...0xFF, using: &rng) : UInt8.random(in: 0...0xFF, using: &rng)
            }
            let (scalar, length) = UTF8Decoding.decode(bytes, at: 0)
            if let scalar {
                #expect(Array(String(scalar).utf8) == Array(bytes[0..<length]), "\(bytes)")
            } else {
                #expect(length == 1)
            }
        }
        for v: UInt32 in [0x80, 0x7FF, 0x800, 0xFFFD, 0xFFFF, 0x10000, 0x10FFFF] {
            let bytes = Array(String(Unicode.Scalar(v)!).utf8)
            #expect(UTF8Decoding.decode(bytes, at: 0).1 == bytes.count)
        }
    }

    @Test func invalidBytesBecomeTheReplacementCharacter() {
        let view = Canonicalizer.canonicalView(of: [0x61, 0xFF, 0x62, 0xEF, 0xBF, 0xBD, 0xC3, 0xA9])
        #expect(Array(view.bytes.prefix(8)) == [0x61, 0xEF, 0xBF, 0xBD, 0x62, 0xEF, 0xBF, 0xBD])
    }
}
