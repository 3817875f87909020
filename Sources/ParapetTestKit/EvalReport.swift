import ParapetEngine
import ParapetRules

/// Counts of a binary detector against labels.
public struct Confusion: Sendable, Hashable, Codable {
    public var truePositives = 0
    public var falseNegatives = 0
    public var falsePositives = 0
    public var trueNegatives = 0

    public init() {}

    public var positives: Int { truePositives + falseNegatives }
    public var negatives: Int { falsePositives + trueNegatives }
    /// nil when there are no positives (recall is undefined, not zero).
    public var recall: Double? { positives == 0 ? nil : Double(truePositives) / Double(positives) }
    public var falsePositiveRate: Double? { negatives == 0 ? nil : Double(falsePositives) / Double(negatives) }
    public var precision: Double? { truePositives + falsePositives == 0 ? nil : Double(truePositives) / Double(truePositives + falsePositives) }
    public var f1: Double? {
        guard let p = precision, let r = recall, p + r > 0 else { return nil }
        return 2 * p * r / (p + r)
    }

    mutating func add(positive: Bool, flagged: Bool) {
        switch (positive, flagged) {
        case (true, true): truePositives += 1
        case (true, false): falseNegatives += 1
        case (false, true): falsePositives += 1
        case (false, false): trueNegatives += 1
        }
    }
}

/// How often one rule fired on negatives (false alarms) or positives (catches), with examples.
public struct RuleTally: Sendable, Codable {
    public let rule: String
    public var count: Int
    /// A few shortened texts it fired on (for reports).
    public var snippets: [String]
}

/// Rows whose label is neither positive nor negative, reported on their own.
public struct OtherLabelTally: Sendable, Codable {
    public let label: String
    public var rows = 0
    public var flagged = 0
}

/// Every label's rows counted two ways: by the evaluator's `flagOn` rule and by "any rule fired".
///
/// Labels outside the positive/negative sets (`secret`, `near_miss`, `dangerous_code`, …) have no
/// confusion matrix, so this line is where their numbers come from; naming both counts keeps a
/// score-0 informational finding from passing for a verdict change.
public struct LabelTally: Sendable, Codable {
    public let label: String
    public var rows = 0
    /// Rows counted as flagged under the run's `flagOn` (by default: verdict not allow).
    public var flagged = 0
    /// Rows with at least one finding, whatever its score or action.
    public var withFinding = 0

    public init(label: String) { self.label = label }
}

/// The evaluation of one dataset file at one paranoia level.
public struct EvalRun: Sendable, Codable {
    public let file: String
    public let target: Target
    public let paranoia: Int
    public var overall = Confusion()
    public var families: [String: Confusion] = [:]
    public var sources: [String: Confusion] = [:]
    public var otherLabels: [String: OtherLabelTally] = [:]
    /// Every label (positive, negative and other), with flagged and any-finding counts.
    public var labels: [String: LabelTally] = [:]
    /// What counted as flagged in this run (`not-allow`, `block` or `finding`).
    public var flagOn = Evaluator.FlagOn.notAllow.rawValue
    public var falsePositiveRules: [RuleTally] = []
    public var truePositiveRules: [RuleTally] = []
    /// Scan latency per row in microseconds, in row order.
    public var latenciesMicros: [Double] = []
    /// Lines that could not be read, with their line numbers.
    public var badLines: [String] = []

    public init(file: String, target: Target, paranoia: Int) {
        self.file = file
        self.target = target
        self.paranoia = paranoia
    }

    public func latencyPercentile(_ p: Double) -> Double? {
        guard !latenciesMicros.isEmpty else { return nil }
        let sorted = latenciesMicros.sorted()
        return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))]
    }
}

/// Everything `parapet eval` measured.
public struct EvalReport: Sendable, Codable {
    public var runs: [EvalRun] = []
    public var positiveLabels: [String]
    public var negativeLabels: [String]
    public var packHash: String

    public init(positiveLabels: [String], negativeLabels: [String], packHash: String) {
        self.positiveLabels = positiveLabels
        self.negativeLabels = negativeLabels
        self.packHash = packHash
    }
}
