import ParapetRegex
import ParapetRules
import Yams

extension PolicyParser {
    static let constraintKeys: Set<String> = [
        "required", "type", "enum", "pattern", "case_sensitive", "min", "max", "min_length", "max_length",
        "path", "url", "email", "iban", "account", "untainted",
    ]

    /// `path: constraint` pairs of an `args:` mapping.
    static func requirements(_ node: Node, _ r: inout PolicyYAML) -> [ArgRequirement] {
        var out: [ArgRequirement] = []
        for f in r.fields(node, allowed: nil, what: "args") {
            guard let path = r.path(f.keyNode, f.key) else { continue }
            if let c = constraint(f.value, &r) { out.append(ArgRequirement(path: path, constraint: c)) }
        }
        return out
    }

    static func constraint(_ node: Node, _ r: inout PolicyYAML) -> ArgConstraint? {
        let before = r.diagnostics.count
        var c = ArgConstraint()
        let f = r.fields(node, allowed: constraintKeys, what: "an argument constraint")
        func value(_ key: String) -> Node? { f.first { $0.key == key }?.value }
        if let n = value("required") { c.required = r.bool(n, "required") ?? false }
        if let n = value("type"), let s = r.string(n, "type") {
            c.type = ArgType(rawValue: s)
            if c.type == nil { r.error(.invalidValue, "unknown type '\(s)' (expected \(ArgType.allCases.map(\.rawValue).joined(separator: ", ")))", n) }
        }
        if let n = value("enum") { c.enumValues = r.list(n, "enum").map { r.json($0) } }
        if let n = value("pattern"), let s = r.string(n, "pattern") {
            let caseSensitive = value("case_sensitive").flatMap { r.bool($0, "case_sensitive") } ?? true
            do { c.pattern = try Pattern(s, options: PatternOptions(caseless: !caseSensitive)) } catch {
                let style = n.scalar?.style
                let shift = (style == .singleQuoted || style == .doubleQuoted) ? 1 : 0
                let chars = String(decoding: s.utf8.prefix(error.offset), as: UTF8.self).unicodeScalars.count
                let loc = r.location(n)
                r.diagnostics.append(Diagnostic(.invalidPattern, "invalid pattern: \(error.message)",
                                                at: SourceLocation(file: loc.file, line: loc.line, column: loc.column + shift + chars)))
            }
        }
        if let n = value("min") { c.min = r.double(n, "min") }
        if let n = value("max") { c.max = r.double(n, "max") }
        if let lo = c.min, let hi = c.max, lo > hi { r.error(.invalidValue, "min \(lo) is above max \(hi)", value("min")) }
        if let n = value("min_length") { c.minLength = r.int(n, "min_length") }
        if let n = value("max_length") { c.maxLength = r.int(n, "max_length") }
        if let n = value("untainted") { c.untainted = r.bool(n, "untainted") ?? false }
        if let n = value("path") { c.path = pathRule(n, &r) }
        if let n = value("url") { c.url = urlRule(n, &r) }
        if let n = value("email") {
            let g = r.fields(n, allowed: ["addresses", "domains"], what: "an email constraint")
            let addresses = g.first { $0.key == "addresses" }.map { r.strings($0.value, "addresses") } ?? []
            let domains = g.first { $0.key == "domains" }.map { r.strings($0.value, "domains") } ?? []
            if addresses.isEmpty && domains.isEmpty { r.error(.missingKey, "an email constraint needs 'addresses' or 'domains'", n) }
            c.email = EmailRule(addresses: addresses, domains: domains.map(HostPattern.init))
        }
        for key in ["iban", "account"] {
            guard let n = value(key) else { continue }
            let g = r.fields(n, allowed: ["allow"], what: "an \(key) constraint")
            guard let list = g.first(where: { $0.key == "allow" }) else {
                r.error(.missingKey, "an \(key) constraint needs 'allow'", n)
                continue
            }
            let items = r.strings(list.value, "allow")
            if key == "iban" {
                for (i, s) in items.enumerated() where !AccountRule.isValidIBAN(AccountRule.normalize(s)) {
                    r.error(.invalidValue, "'\(s)' is not a valid IBAN", r.list(list.value, "allow")[i])
                }
                c.iban = AccountRule(allow: items)
            } else {
                c.account = AccountRule(allow: items)
            }
        }
        return r.diagnostics.count == before ? c : nil
    }

    static func pathRule(_ node: Node, _ r: inout PolicyYAML) -> PathRule? {
        let g = r.fields(node, allowed: ["allow", "deny", "base"], what: "a path constraint")
        func v(_ k: String) -> Node? { g.first { $0.key == k }?.value }
        guard let allowNode = v("allow") else {
            r.error(.missingKey, "a path constraint needs 'allow' globs", node)
            return nil
        }
        let allow = r.strings(allowNode, "allow")
        let deny = v("deny").map { r.strings($0, "deny") } ?? []
        for (n, s) in zip(r.list(allowNode, "allow"), allow) where !s.hasPrefix("/") {
            r.error(.invalidValue, "path glob '\(s)' must be absolute", n)
        }
        let base = v("base").flatMap { r.string($0, "base") }
        if let base, !base.hasPrefix("/") { r.error(.invalidValue, "base '\(base)' must be absolute", v("base")) }
        return PathRule(allow: allow.map(Glob.init), deny: deny.map(Glob.init), base: base)
    }

    static func urlRule(_ node: Node, _ r: inout PolicyYAML) -> URLRule? {
        let g = r.fields(node, allowed: ["schemes", "hosts", "allow_ip", "allow_userinfo"], what: "a url constraint")
        func v(_ k: String) -> Node? { g.first { $0.key == k }?.value }
        var rule = URLRule()
        if let n = v("schemes") { rule.schemes = Set(r.strings(n, "schemes").map(HostPattern.lower)) }
        if let n = v("hosts") { rule.hosts = r.strings(n, "hosts").map(HostPattern.init) }
        if let n = v("allow_ip") { rule.allowIP = r.bool(n, "allow_ip") ?? false }
        if let n = v("allow_userinfo") { rule.allowUserinfo = r.bool(n, "allow_userinfo") ?? false }
        return rule
    }

    static let conditionKeys: Set<String> = ["tainted", "injection_flagged", "args", "tainted_args"]

    static func condition(_ node: Node, _ r: inout PolicyYAML) -> Condition {
        var c = Condition()
        for f in r.fields(node, allowed: conditionKeys, what: "a condition") {
            switch f.key {
            case "tainted": c.tainted = r.bool(f.value, "tainted")
            case "injection_flagged": c.injectionFlagged = r.bool(f.value, "injection_flagged")
            case "args": c.args = requirements(f.value, &r)
            default:
                for item in r.list(f.value, "tainted_args") {
                    guard let s = r.string(item, "tainted_args") else { continue }
                    if let p = r.path(item, s == "any" ? "*" : s) { c.taintedArgs.append(p) }
                }
            }
        }
        if c.isEmpty { r.error(.invalidValue, "empty condition", node) }
        return c
    }
}
