import ParapetRules
import ParapetText

/// Scores a view with a shipped linear n-gram model and fires when the model's probability of
/// "attack" reaches `min_probability`. The hit covers the scored bytes: the model judges the
/// text as a whole, not a span in it.
struct LinearModelDetector: Detector {
    static let name = "linear-model"
    let model: LinearModel
    let minProbability: Double
    let maxBytes: Int

    init(params: [String: RuleValue], models: [String: LinearModel]) throws {
        let p = try DetectorParams(params, allowed: ["model", "min_probability", "max_bytes"])
        guard let name = params["model"]?.string else { throw DetectorParamError("'model' is required (a model name)") }
        guard let model = models[name] else {
            throw DetectorParamError("no model named '\(name)' (known: \(models.keys.sorted().joined(separator: ", ")))")
        }
        self.model = model
        minProbability = try p.number("min_probability", default: 0.9, in: 0.5...0.999_999)
        maxBytes = try p.int("max_bytes", default: 65_536, in: 64...1_048_576)
    }

    func detect(_ view: TextView, context: ScanContext) -> [DetectorHit] {
        let end = min(view.bytes.count, maxBytes)
        guard end > 0 else { return [] }
        let bytes = end == view.bytes.count ? view.bytes : Array(view.bytes[0..<end])
        let p = model.probability(bytes)
        guard p >= minProbability else { return [] }
        let permille = min(999, Int((p * 1000).rounded(.down)))
        return [DetectorHit(range: 0..<end, note: "model probability \(permille)/1000")]
    }
}

/// The linear-model detector, bound to the models a caller ships (the facade passes the embedded
/// ones), since a detector factory only sees its rule's params.
public enum LinearModels {
    /// A registry holding the `linear-model` detector over `models` (name -> `.plm` bytes);
    /// model files that do not parse are left out, so a rule naming them fails to compile.
    public static func registry(models: [String: [UInt8]]) -> DetectorRegistry {
        let parsed = models.compactMapValues { LinearModel(bytes: $0) }
        var r = DetectorRegistry()
        r.register(DetectorFactory(name: LinearModelDetector.name,
                                   summary: "a shipped logistic-regression model over hashed word and byte n-grams",
                                   make: { try LinearModelDetector(params: $0, models: parsed) }))
        return r
    }
}
