import FuzzCommon
import Parapet

// Rule YAML parse + compile with the standard registry. Errors must be located diagnostics;
// a pack that compiles must scan (its own text) without breaking any verdict invariant.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRules(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = fuzzBytes(data, count)
    let source = RuleSource(path: "fuzz.yaml", text: String(decoding: bytes, as: UTF8.self))
    do {
        let set = try RuleCompiler(registry: .standard).compile([source])
        let engine = Engine(ruleSet: set, config: FuzzEngines.tight.config)
        for target in Target.allCases {
            checkVerdict(engine.scan(bytes, target: target, paranoia: 4), input: bytes, config: engine.config)
        }
    } catch {
        require(!error.diagnostics.isEmpty, "compile failed without a diagnostic")
        for d in error.diagnostics {
            require(d.location.line >= 1 && d.location.column >= 1, "diagnostic without a position: \(d)")
        }
    }
    return 0
}
