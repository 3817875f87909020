import Yams

extension Diagnostic {
    /// A Yams parse error as a located E001 diagnostic (rule files and policy files alike).
    public static func yamlSyntax(_ error: Error, file: String) -> Diagnostic {
        if let y = error as? YamlError {
            switch y {
            case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
                return Diagnostic(.yamlSyntax, "YAML: \(problem)", at: SourceLocation(file: file, line: mark.line, column: mark.column))
            case .duplicatedKeysInMapping(let dups, let ctx):
                return Diagnostic(.yamlSyntax, "YAML: duplicate keys \(dups.joined(separator: ", "))", at: SourceLocation(file: file, line: ctx.mark.line, column: ctx.mark.column))
            default: break
            }
        }
        return Diagnostic(.yamlSyntax, "YAML: \(error)", at: SourceLocation(file: file, line: 1, column: 1))
    }
}
