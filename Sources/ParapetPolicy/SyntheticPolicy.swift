/// Policies built in code, for benchmarks and load tests.
extension ToolPolicy {
    /// `count` tools (`tool_0` …) with tags cycling through read/write/egress/payment, a path
    /// or URL or range argument each, policy-wide rules per tag, and a profile with budgets.
    public static func synthetic(toolCount count: Int = 100) -> ToolPolicy {
        let tags = ["read", "write", "egress", "payment"]
        var tools: [ToolSpec] = []
        for i in 0..<count {
            var c = ArgConstraint()
            var path = "path"
            switch i % 3 {
            case 0: c.path = PathRule(allow: [Glob("/workspace/**")], deny: [Glob("/workspace/.git/**")])
            case 1:
                path = "url"
                c.url = URLRule(schemes: ["https"], hosts: [HostPattern("*.example.com"), HostPattern("example.com")])
            default:
                path = "amount"
                c.type = .number
                c.min = 0
                c.max = 1000
            }
            c.required = true
            tools.append(ToolSpec(name: "tool_\(i)", tags: [tags[i % tags.count]], maxCalls: 1_000_000,
                                  args: [ArgRequirement(path: ArgPath(path)!, constraint: c)]))
        }
        let rules = [
            PolicyRule(id: "allow-read", effect: .allow, selector: ToolSelector(tags: ["read"])),
            PolicyRule(id: "allow-write", effect: .allow, selector: ToolSelector(tags: ["write"])),
            PolicyRule(id: "allow-egress", effect: .allow, selector: ToolSelector(tags: ["egress"])),
            PolicyRule(id: "ask-payment", effect: .ask, selector: ToolSelector(tags: ["payment"])),
            PolicyRule(id: "deny-egress-tainted", effect: .deny, selector: ToolSelector(tags: ["egress"]),
                       when: Condition(tainted: true)),
            PolicyRule(id: "deny-tainted-args", effect: .deny, selector: ToolSelector(tags: ["write", "payment"]),
                       when: Condition(taintedArgs: [ArgPath("*")!])),
        ]
        let profile = Profile(name: "default", budgets: Budgets(totalCalls: 1_000_000_000, costUnits: 1_000_000_000, callsPerMinute: nil))
        // Every reference above is valid by construction.
        return try! ToolPolicy(name: "synthetic-\(count)", tools: tools, rules: rules, profiles: [profile])
    }
}
