import ParapetJSON

/// Whether a rule's conditions hold for a call, and the words that explain a decision.
enum RuleMatcher {
    static func applies(_ rule: PolicyRule, _ args: JSONValue, _ ctx: EvalContext) -> Bool {
        if let w = rule.when, !holds(w, args, ctx) { return false }
        if let u = rule.unless, holds(u, args, ctx) { return false }
        return true
    }

    static func holds(_ c: Condition, _ args: JSONValue, _ ctx: EvalContext) -> Bool {
        if let t = c.tainted, t != ctx.tainted { return false }
        if let f = c.injectionFlagged, f != ctx.injectionFlagged { return false }
        if !c.args.isEmpty {
            var values: [JSONValue] = []
            for req in c.args {
                values.removeAll(keepingCapacity: true)
                req.path.resolve(args, into: &values)
                if req.constraint.violation(values, ctx) != nil { return false }
            }
        }
        if !c.taintedArgs.isEmpty && taintedArg(c.taintedArgs, args, ctx) == nil { return false }
        return true
    }

    /// The first string under `paths` that occurs in untrusted content (`*` = any string argument).
    static func taintedArg(_ paths: [ArgPath], _ args: JSONValue, _ ctx: EvalContext) -> String? {
        guard !ctx.provenance.isEmpty else { return nil }
        var values: [JSONValue] = []
        for p in paths {
            if p.steps == [.any] { values.append(args) } else { p.resolve(args, into: &values) }
        }
        var stack = values
        while let v = stack.popLast() {
            switch v {
            case .string(let s): if ctx.provenance.contains(s) { return s }
            case .array(let items): stack += items
            case .object(let m): stack += m.map(\.value)
            default: break
            }
        }
        return nil
    }

    /// A default reason naming the rule and the conditions that made it apply.
    static func explain(_ rule: PolicyRule, tool: String) -> String {
        let verb = switch rule.effect {
        case .allow: "allows"
        case .ask: "requires approval for"
        case .deny: "denies"
        }
        var why: [String] = []
        if let w = rule.when {
            if w.tainted == true { why.append("the session has seen untrusted content") }
            if w.injectionFlagged == true { why.append("an injection was flagged in this session") }
            if !w.taintedArgs.isEmpty { why.append("an argument value was taken from untrusted content") }
            if !w.args.isEmpty { why.append("arguments match \(w.args.map(\.path.description).joined(separator: ", "))") }
        }
        if let u = rule.unless, !u.args.isEmpty {
            why.append("arguments are outside the exception on \(u.args.map(\.path.description).joined(separator: ", "))")
        }
        let tail = why.isEmpty ? "" : " because " + why.joined(separator: " and ")
        return "rule '\(rule.id)' \(verb) '\(tool)'\(tail)"
    }
}

/// Runs string arguments through the injected checker; the strongest finding decides.
enum ContentScan {
    static func run(_ args: JSONValue, checker: any ContentChecker, settings: ContentCheckSettings) -> PolicyDecision? {
        var stack: [(String, JSONValue)] = [("", args)]
        var worst: PolicyDecision?
        while let (path, v) = stack.popLast() {
            switch v {
            case .string(let s):
                let f = checker.check(s)
                guard !f.isClean else { continue }
                let effect = f.blocked ? settings.onBlock : settings.onFlag
                guard effect != .allow, worst.map({ effect > $0.effect }) ?? true else { continue }
                let rule = f.rules.first ?? "unknown"
                worst = PolicyDecision(effect, rule: "content.\(rule)",
                                       reason: "argument '\(path)' \(f.blocked ? "was blocked" : "was flagged") by content rule(s) \(f.rules.joined(separator: ", ")) (score \(f.score))")
            case .array(let items):
                for (i, item) in items.enumerated() { stack.append(("\(path)[\(i)]", item)) }
            case .object(let members):
                for m in members { stack.append((path.isEmpty ? m.key : "\(path).\(m.key)", m.value)) }
            default: break
            }
        }
        return worst
    }
}
