import Parapet

/// Compiles an inline rule file (no default pack) into an engine.
func engine(_ yaml: String, config: EngineConfig = EngineConfig()) throws -> Engine {
    let set = try RuleCompiler(registry: .standard).compile([RuleSource(path: "inline.yaml", text: yaml)])
    return Engine(ruleSet: set, config: config)
}

extension Verdict {
    func slice(_ f: Finding, of text: String) -> String {
        String(decoding: Array(text.utf8)[f.start..<f.end], as: UTF8.self)
    }
}
