import ParapetDetectors
import ParapetOutput
import ParapetRules

extension DetectorRegistry {
    /// Every detector and validator that ships with Parapet.
    public static var standard: DetectorRegistry { standardRegistry }
}

/// Built once: decoding the embedded models (a few hundred KB) is not free.
private let standardRegistry: DetectorRegistry =
    HeuristicDetectors.registry.merging(OutputValidators.registry).merging(LinearModels.registry(models: DefaultPack.models))
