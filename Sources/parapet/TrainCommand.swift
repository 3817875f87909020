import ArgumentParser
import Foundation
import ParapetDetectors
import ParapetTestKit

/// `parapet train`: fits the linear n-gram model from labelled JSONL and reports how it does on
/// the sources and families it was not trained on.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train the linear n-gram model (`.plm`) from labelled JSONL files or folders.",
        discussion: """
        Labels injection / jailbreak / attack are positive, benign negative; other labels and rows \
        whose "target" is not input or that carry a "todo" are skipped. Rows of a --holdout-source or an --exclude-family, \
        and every row of an --eval file, are not trained on; the report shows recall (attacks) or \
        false-positive rate (benign) for them at several probability thresholds. The same inputs \
        and settings always give a byte-identical model file.
        """
    )

    @Option(name: .customLong("data"), help: ArgumentHelp("A labelled JSONL file or a folder of them (repeatable).", valueName: "PATH"))
    var data: [String] = []

    @Option(name: .customLong("eval"), help: ArgumentHelp("A labelled JSONL file or folder only to evaluate on (repeatable).", valueName: "PATH"))
    var evalOnly: [String] = []

    @Option(help: ArgumentHelp("Write the model here.", valueName: "FILE.plm"))
    var out: String?

    @Option(help: "Seed for the order of examples.")
    var seed: UInt64 = 1

    @Option(name: .customLong("holdout-source"), help: ArgumentHelp("Do not train on rows whose source contains S (case-insensitive; repeatable).", valueName: "S"))
    var holdoutSources: [String] = []

    @Option(name: .customLong("exclude-family"), help: ArgumentHelp("Do not train on rows whose family is F (repeatable), e.g. a test split.", valueName: "F"))
    var excludeFamilies: [String] = []

    @Option(help: "Passes over the training rows.")
    var epochs = 8

    @Option(help: "log2 of the number of hashed feature buckets (8-24).")
    var bits = 18

    @Option(name: .customLong("learning-rate"), help: "AdaGrad step size.")
    var learningRate = 0.2

    @Option(help: "L2 penalty on the weights.")
    var l2 = 1e-4

    @Flag(name: .customLong("no-balance"), help: "Weight every row 1 instead of giving each (source, label) group the same total weight.")
    var noBalance = false

    func validate() throws {
        if data.isEmpty { throw ValidationError("give at least one --data PATH") }
        if !(8...24).contains(bits) { throw ValidationError("--bits must be in 8...24") }
        if epochs < 1 || epochs > 1000 { throw ValidationError("--epochs must be in 1...1000") }
    }

    func run() throws {
        let hasher = NgramHasher(bits: bits)
        var trainSet = TrainingData()
        var evalSet = TrainingData()
        do {
            for path in data { try trainSet.load(path: path, hasher: hasher) }
            for path in evalOnly { try evalSet.load(path: path, hasher: hasher) }
        } catch {
            StdIO.error("parapet: error: \(error.localizedDescription)")
            throw ExitCode(2)
        }
        for bad in (trainSet.badLines + evalSet.badLines).prefix(5) { StdIO.error("parapet: warning: \(bad)") }
        let holdouts = holdoutSources.map { $0.lowercased() }
        let excluded = Set(excludeFamilies)
        func heldBySource(_ e: TrainingExample) -> Bool { holdouts.contains { e.source.lowercased().contains($0) } }
        let training = trainSet.examples.filter { !heldBySource($0) && !excluded.contains($0.family) }
        guard training.contains(where: \.positive), training.contains(where: { !$0.positive }) else {
            StdIO.error("parapet: error: the training rows need both attacks and benign rows")
            throw ExitCode(2)
        }
        var trainer = LinearTrainer()
        trainer.bits = bits
        trainer.epochs = epochs
        trainer.learningRate = learningRate
        trainer.l2 = l2
        trainer.seed = seed
        trainer.balanceSources = !noBalance
        let model = trainer.train(training)
        StdIO.error("parapet: trained on \(training.count) rows (\(training.filter(\.positive).count) attacks), "
            + "\(bits)-bit buckets, scale \(model.scale), bias \(model.bias), "
            + "\(model.weights.filter { $0 != 0 }.count) non-zero weights")
        if let out {
            do { try Data(model.serialized()).write(to: URL(fileURLWithPath: out)) } catch {
                StdIO.error("parapet: error: cannot write \(out): \(error.localizedDescription)")
                throw ExitCode(2)
            }
        }
        var everything = trainSet.examples
        for var e in evalSet.examples { e.source = "eval:" + e.source; everything.append(e) }
        let report = HoldoutReport.measure(
            model: model, examples: everything,
            heldOut: { $0.source.hasPrefix("eval:") || heldBySource($0) || excluded.contains($0.family) },
            group: { excluded.contains($0.family) ? $0.source + "/" + $0.family : $0.source })
        print(report.text, terminator: "")
    }
}
