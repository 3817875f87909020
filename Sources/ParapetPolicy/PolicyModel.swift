import ParapetRules

/// A tool the policy knows: its classes (tags), cost, per-call limit and argument requirements.
public struct ToolSpec: Sendable {
    public var name: String
    public var tags: Set<String>
    /// Cost units one call consumes against the profile's `cost_units` budget.
    public var cost: Int
    /// Most calls of this tool per session (nil: unlimited).
    public var maxCalls: Int?
    /// Requirements every call must meet; a violation denies the call, named `<tool>.args.<path>`.
    public var args: [ArgRequirement]
    /// When true, argument keys not named in `args` deny the call.
    public var strictArgs: Bool
    public var location: SourceLocation?

    public init(name: String, tags: Set<String> = [], cost: Int = 1, maxCalls: Int? = nil,
                args: [ArgRequirement] = [], strictArgs: Bool = false, location: SourceLocation? = nil) {
        self.name = name
        self.tags = tags
        self.cost = cost
        self.maxCalls = maxCalls
        self.args = args
        self.strictArgs = strictArgs
        self.location = location
    }
}

/// One argument path and the constraint its value(s) must satisfy.
public struct ArgRequirement: Sendable {
    public var path: ArgPath
    public var constraint: ArgConstraint

    public init(path: ArgPath, constraint: ArgConstraint) {
        self.path = path
        self.constraint = constraint
    }
}

/// Which tools a rule speaks of: named tools, tools carrying a tag, or every tool.
public struct ToolSelector: Sendable, Hashable {
    public var tools: Set<String>
    public var tags: Set<String>
    public var all: Bool

    public init(tools: Set<String> = [], tags: Set<String> = [], all: Bool = false) {
        self.tools = tools
        self.tags = tags
        self.all = all
    }

    func selects(_ tool: ToolSpec) -> Bool {
        all || tools.contains(tool.name) || !tags.isDisjoint(with: tool.tags)
    }
}

/// A condition over the call and the session; every part given must hold.
public struct Condition: Sendable {
    /// The session has seen untrusted content (tool results, documents, marked by the app).
    public var tainted: Bool?
    /// A Parapet scan in this session flagged an injection at or above the policy's taint score.
    public var injectionFlagged: Bool?
    public var args: [ArgRequirement]
    /// Paths whose values must appear verbatim in untrusted content; `["*"]` = any string argument.
    public var taintedArgs: [ArgPath]

    public init(tainted: Bool? = nil, injectionFlagged: Bool? = nil, args: [ArgRequirement] = [], taintedArgs: [ArgPath] = []) {
        self.tainted = tainted
        self.injectionFlagged = injectionFlagged
        self.args = args
        self.taintedArgs = taintedArgs
    }

    var isEmpty: Bool { tainted == nil && injectionFlagged == nil && args.isEmpty && taintedArgs.isEmpty }
}

/// A Cedar-style rule: applies to the selected tools when `when` holds and `unless` does not.
public struct PolicyRule: Sendable {
    public var id: String
    public var effect: PolicyEffect
    public var selector: ToolSelector
    public var when: Condition?
    public var unless: Condition?
    /// Shown in the decision; a default is built from the rule when absent.
    public var reason: String?
    public var location: SourceLocation?

    public init(id: String, effect: PolicyEffect, selector: ToolSelector, when: Condition? = nil,
                unless: Condition? = nil, reason: String? = nil, location: SourceLocation? = nil) {
        self.id = id
        self.effect = effect
        self.selector = selector
        self.when = when
        self.unless = unless
        self.reason = reason
        self.location = location
    }
}

/// Per-session limits of a profile; nil means unlimited.
public struct Budgets: Sendable, Hashable {
    public var totalCalls: Int?
    public var costUnits: Int?
    public var callsPerMinute: Int?
    /// Per-tool call limits that override the tool's own `max_calls` in this profile.
    public var toolCalls: [String: Int]

    public init(totalCalls: Int? = nil, costUnits: Int? = nil, callsPerMinute: Int? = nil, toolCalls: [String: Int] = [:]) {
        self.totalCalls = totalCalls
        self.costUnits = costUnits
        self.callsPerMinute = callsPerMinute
        self.toolCalls = toolCalls
    }
}

/// A role or agent: its own rules (added to the policy-wide ones) and budgets.
public struct Profile: Sendable {
    public var name: String
    public var description: String?
    public var rules: [PolicyRule]
    public var budgets: Budgets

    public init(name: String, description: String? = nil, rules: [PolicyRule] = [], budgets: Budgets = Budgets()) {
        self.name = name
        self.description = description
        self.rules = rules
        self.budgets = budgets
    }
}

/// Which calls get their string arguments checked by the rule engine, and what a finding does.
public struct ContentCheckSettings: Sendable, Hashable {
    public var selector: ToolSelector
    /// Effect when the engine would block the text (score at/above threshold or a block rule).
    public var onBlock: PolicyEffect
    /// Effect when the engine found something below the threshold.
    public var onFlag: PolicyEffect

    public init(selector: ToolSelector = ToolSelector(all: true), onBlock: PolicyEffect = .deny, onFlag: PolicyEffect = .allow) {
        self.selector = selector
        self.onBlock = onBlock
        self.onFlag = onFlag
    }
}

/// A call a policy file says must get a given effect; run by `PolicyExampleRunner`.
public struct PolicyExample: Sendable {
    public var profile: String?
    public var call: ToolCall
    public var untrusted: [String]
    public var expect: PolicyEffect
    /// When set, the deciding rule must be this one.
    public var rule: String?
    public var note: String?
    public var location: SourceLocation

    public init(profile: String? = nil, call: ToolCall, untrusted: [String] = [], expect: PolicyEffect,
                rule: String? = nil, note: String? = nil, location: SourceLocation) {
        self.profile = profile
        self.call = call
        self.untrusted = untrusted
        self.expect = expect
        self.rule = rule
        self.note = note
        self.location = location
    }
}
