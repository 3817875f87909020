import ParapetRules

/// The heuristic scorers rule files may name with `detector:`.
public enum HeuristicDetectors {
    public static var registry: DetectorRegistry {
        var r = DetectorRegistry()
        for f in factories { r.register(f) }
        return r
    }

    static let factories: [DetectorFactory] = [
        DetectorFactory(name: KeywordProximityDetector.name,
                        summary: "an override verb and an instruction object within a bounded byte window, any language",
                        make: { try KeywordProximityDetector(params: $0) }),
        DetectorFactory(name: ImperativeDensityDetector.name,
                        summary: "sentences in data that open with a task verb addressed to the assistant",
                        make: { try ImperativeDensityDetector(params: $0) }),
        DetectorFactory(name: TokenSoupDetector.name,
                        summary: "GCG-style adversarial suffixes: windows of symbol-laden tokens with unbalanced brackets",
                        make: { try TokenSoupDetector(params: $0) }),
        DetectorFactory(name: WordSaladDetector.name,
                        summary: "GCG-style word salad: punctuation tokens, camelCase merges, foreign function words clustered",
                        make: { try WordSaladDetector(params: $0) }),
        DetectorFactory(name: StructureAnomalyDetector.name,
                        summary: "role markers, chat-template tokens and long separator runs counted together",
                        make: { try StructureAnomalyDetector(params: $0) }),
    ]
}
