import Foundation
import PackagePlugin

/// Embeds the default rule packs (`rules/`: YAML files and `.plm` linear-model files) into the
/// Parapet module so the CLI and library work from any working directory and after the binary is
/// copied elsewhere. Each YAML file goes in twice: its text, and its YAML already composed
/// (`ComposedYAML`), so start-up parses no YAML.
@main
struct EmbedRulesPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let rulesDir = context.package.directoryURL.appending(path: "rules")
        var inputs: [URL] = []
        if let walker = FileManager.default.enumerator(at: rulesDir, includingPropertiesForKeys: nil) {
            for case let url as URL in walker where ["yaml", "yml", "plm"].contains(url.pathExtension) {
                inputs.append(url)
            }
        }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedRules.swift")
        return [
            .buildCommand(
                displayName: "Embedding default rule packs",
                executable: try context.tool(named: "EmbedRulesTool").url,
                arguments: [rulesDir.path, output.path],
                inputFiles: inputs.sorted { $0.path < $1.path },
                outputFiles: [output]
            )
        ]
    }
}
