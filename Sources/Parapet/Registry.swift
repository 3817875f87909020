import ParapetDetectors
import ParapetOutput
import ParapetRules

extension DetectorRegistry {
    /// Every detector and validator that ships with Parapet.
    public static var standard: DetectorRegistry {
        HeuristicDetectors.registry.merging(OutputValidators.registry)
    }
}
