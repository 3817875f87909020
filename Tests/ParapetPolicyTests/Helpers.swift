import ParapetJSON
@testable import ParapetPolicy
import ParapetRules

/// Parses a policy written inline in a test; a failure shows every diagnostic.
func policy(_ yaml: String, file: String = "test.yaml") throws -> ToolPolicy {
    try PolicyParser.parse(RuleSource(path: file, text: yaml))
}

/// The diagnostics a broken policy produces, as `file:line:col: error[Exxx]: …` lines.
func diagnostics(_ yaml: String) -> [String] {
    do {
        _ = try PolicyParser.parse(RuleSource(path: "bad.yaml", text: yaml))
        return []
    } catch {
        return error.diagnostics.map(\.description)
    }
}

func call(_ tool: String, _ args: JSONValue = [:]) -> ToolCall { ToolCall(tool: tool, args: args) }

/// A constraint-only check: the reason `value` breaks `c`, or nil.
func violation(_ c: ArgConstraint, _ value: JSONValue, untrusted: [String] = []) -> String? {
    var prov = Provenance()
    for u in untrusted { prov.add(u) }
    let ctx = EvalContext(provenance: prov, tainted: !untrusted.isEmpty, injectionFlagged: false, scratch: .init())
    return c.violation([value], ctx)
}
