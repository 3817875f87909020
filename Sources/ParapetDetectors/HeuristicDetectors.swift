import ParapetRules

/// The heuristic scorers rule files may name with `detector:`.
public enum HeuristicDetectors {
    public static var registry: DetectorRegistry {
        var r = DetectorRegistry()
        for f in factories { r.register(f) }
        return r
    }

    static let factories: [DetectorFactory] = []
}
