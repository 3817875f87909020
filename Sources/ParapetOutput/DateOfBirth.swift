/// Dates of birth: a calendar date with a plausible month, day and (when given) year.
public enum DateOfBirth {
    static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// Accepts `d/m/y`, `m/d/y`, `y-m-d` and `d Month y` / `Month d, y` forms the rule's pattern found.
    @Sendable public static func isValid(_ bytes: ArraySlice<UInt8>) -> Bool {
        var numbers = [Int](), cur = -1
        var hasMonthName = false
        var word = [UInt8]()
        func flushWord() {
            if word.count >= 3, months.contains(String(decoding: word.prefix(3), as: UTF8.self)) { hasMonthName = true }
            word.removeAll()
        }
        for b in bytes {
            if b >= 0x30 && b <= 0x39 {
                cur = (cur < 0 ? 0 : cur * 10) + Int(b - 0x30)
            } else {
                if cur >= 0 { numbers.append(cur); cur = -1 }
                let l = b | 0x20
                if l >= 0x61 && l <= 0x7A { word.append(l) } else { flushWord() }
            }
        }
        if cur >= 0 { numbers.append(cur) }
        flushWord()
        let yearOK: (Int) -> Bool = { y in (1900...2030).contains(y) || (0...99).contains(y) }
        if hasMonthName {
            guard numbers.count == 2 else { return false }
            let (day, year) = numbers[0] > 31 ? (numbers[1], numbers[0]) : (numbers[0], numbers[1])
            return (1...31).contains(day) && yearOK(year)
        }
        guard numbers.count == 3 else { return false }
        let (a, b, c) = (numbers[0], numbers[1], numbers[2])
        if a > 31 { return yearOK(a) && (1...12).contains(b) && (1...31).contains(c) }
        guard yearOK(c) else { return false }
        return ((1...12).contains(a) && (1...31).contains(b)) || ((1...31).contains(a) && (1...12).contains(b))
    }
}
