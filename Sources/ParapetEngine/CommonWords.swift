/// Everyday English words that a literal gate should not lean on: as literals they occur in
/// most prompts, so a gate of them opens on almost every scan ("without", "information").
/// Literal extraction ranks them as the least selective choice, whatever their length.
enum CommonWords {
    static let words: [String] = """
        a about above across act action actually add after again against age ago all allow almost
        along already also although always am among an and another answer any anyone anything are
        area around as ask at away back bad based be because become been before being below best
        better between big both bring build but by call came can care case change come could
        course create day days detail did different do does doing done down during each early easy
        either else end enough even ever every example explain fact family far feel few find first
        follow for form free friend from full gave general get give given go going good great
        group had hand happen has have he help her here high him his how however i idea if
        important in include information instead into is issue it its just keep kind know large
        last later learn least less let like line list little live long look lot made make making
        many may me mean might mind more most much must my name need never new next no not nothing
        now number of off often old on once one only open or order other our out over own part
        people person place plan play point possible problem provide put question quite rather
        read real really reason result right run said same say see seem set several she should
        show side since small so some someone something start state still such support sure take
        talk tell than that the their them then there these they thing things think this those
        though through time to today together too true try turn two under understand until up upon
        us use used using very want was way we well were what when where whether which while who
        whole why will with within without work would write writing year years yes yet you young
        your
        """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)

    /// Words by their first two letters (`a`–`z` each): a lookup reads one short bucket.
    static let buckets: [[[UInt8]]] = {
        var b = [[[UInt8]]](repeating: [], count: 26 * 26 + 1)
        for w in words { b[slot(Array(w.utf8))].append(Array(w.utf8)) }
        return b
    }()

    static func slot(_ w: [UInt8]) -> Int {
        guard w.count >= 2, w[0] >= 0x61, w[0] <= 0x7A, w[1] >= 0x61, w[1] <= 0x7A else { return 26 * 26 }
        return Int(w[0] - 0x61) * 26 + Int(w[1] - 0x61)
    }

    /// Whether `lit`, without spaces at its ends, is one common word (lower-case ASCII).
    static func isCommon(_ lit: UnsafeBufferPointer<UInt8>) -> Bool {
        var lo = 0, hi = lit.count
        while lo < hi, lit[lo] == 0x20 { lo += 1 }
        while hi > lo, lit[hi - 1] == 0x20 { hi -= 1 }
        let n = hi - lo
        guard n >= 1, n <= 11 else { return false }
        let b0 = lit[lo], b1 = n > 1 ? lit[lo + 1] : 0
        guard b0 >= 0x61, b0 <= 0x7A, n == 1 || (b1 >= 0x61 && b1 <= 0x7A) else { return false }
        let s = n == 1 ? 26 * 26 : Int(b0 - 0x61) * 26 + Int(b1 - 0x61)
        for w in buckets[s] where w.count == n {
            var k = 0
            while k < n, w[k] == lit[lo + k] { k += 1 }
            if k == n { return true }
        }
        return false
    }
}
