/// `parapet test --junit FILE`: JUnit XML, one test suite per rule (plus one for checks without a rule).
public enum JUnitWriter {
    public static func render(_ run: TestRun) -> String {
        var suites: [(name: String, results: [TestResult])] = []
        var index: [String: Int] = [:]
        for r in run.report.results {
            let name = r.ruleID ?? "corpus"
            if let i = index[name] { suites[i].results.append(r) } else {
                index[name] = suites.count
                suites.append((name, [r]))
            }
        }
        var x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        x += "<testsuites name=\"parapet\" tests=\"\(run.report.results.count)\" failures=\"\(run.report.failed)\" skipped=\"\(run.report.todo)\">\n"
        for s in suites {
            let failures = s.results.filter(\.failed).count
            let skipped = s.results.filter { $0.status == .todo }.count
            x += "  <testsuite name=\"\(escape(s.name))\" tests=\"\(s.results.count)\" failures=\"\(failures)\" skipped=\"\(skipped)\">\n"
            for r in s.results {
                let name = "\(r.kind.rawValue) \(r.location)"
                x += "    <testcase classname=\"\(escape(s.name))\" name=\"\(escape(name))\" file=\"\(escape(r.location.file))\" line=\"\(r.location.line)\""
                switch r.status {
                case .passed, .fixed:
                    x += "/>\n"
                case .failed:
                    x += ">\n      <failure message=\"\(escape(r.message))\">\(escape(r.line))</failure>\n    </testcase>\n"
                case .todo:
                    x += ">\n      <skipped message=\"\(escape(r.message))\"/>\n    </testcase>\n"
                }
            }
            x += "  </testsuite>\n"
        }
        x += "</testsuites>\n"
        return x
    }

    /// XML-escapes text for attributes and content; drops characters XML 1.0 forbids.
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\n": out += "&#10;"
            case "\t": out += "&#9;"
            default:
                if u.value < 0x20 || u.value == 0xFFFE || u.value == 0xFFFF { out += "\u{FFFD}" } else { out.unicodeScalars.append(u) }
            }
        }
        return out
    }
}
