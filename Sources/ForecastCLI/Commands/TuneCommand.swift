import Foundation
import ForecastData
import Forest
import ModelRegistry
import Synchronization

/// `forecast tune`: seeded random search over the forest's hyperparameters, scored by the
/// rolling-origin backtest `train --backtest` runs; writes the best to a file that
/// `forecast train --params PATH` reads.
enum TuneCommand: Command {
    static let defaultOutput = "models/tuned_params.json"
    static let defaultTrials = 20
    static let defaultFolds = 5

    static let configuration = CommandConfiguration(
        name: "tune",
        abstract: "Search the forest's hyperparameters by backtest; write the best for 'train --params'.",
        discussion: """
            Trial 1 scores the current defaults; the others draw trees, max_depth, min_samples_leaf \
            and max_features at random (seeded, no setting twice). Each trial is scored by the mean \
            MAE of the same rolling-origin backtest as 'forecast train --backtest K'. The table \
            lists the trials best first; the best is written to --output as JSON, which \
            'forecast train --params PATH' reads (its command-line options still override it). \
            The same --seed gives the same table for every --jobs.
            """,
        options: [
            OptionSpec("features", value: "PATH", help: "Daily features CSV, or a folder of Spark part-*.csv files.",
                       default: "data/processed/features_daily.csv", group: "Input"),
            OptionSpec("feature-set", value: "NAME", help: "basic or extended.",
                       default: TrainDefaults.featureSet.rawValue, group: "Input"),
            OptionSpec("trials", value: "N", help: "Settings to try, the defaults included.",
                       default: "\(defaultTrials)", group: "Search"),
            OptionSpec("seed", value: "N", help: "Seed of the search (the forests keep seed 42).", default: "42",
                       group: "Search"),
            OptionSpec("jobs", value: "N", help: "Trials run at once (results do not depend on it).",
                       default: "all cores", group: "Search"),
            OptionSpec("backtest", value: "K", help: "Backtest folds scoring each trial.", default: "\(defaultFolds)",
                       group: "Evaluation"),
            OptionSpec("test-fraction", value: "F", help: "Share of the last rows the backtest covers.",
                       default: "0.2", group: "Evaluation"),
            OptionSpec("output", value: "PATH", help: "Where the best parameters are written.", default: defaultOutput,
                       group: "Output"),
            OptionSpec.flag("json", help: "Print one JSON object on stdout instead of the table.", group: "Output"),
        ]
    )

    static func run(_ options: ParsedOptions, console: Console) throws -> ExitCode {
        let trials = try options.int("trials", in: 1...TuningSpace.size) ?? defaultTrials
        let seed = UInt64(try options.int("seed", in: 0...Int.max) ?? 42)
        let jobs = try options.int("jobs", in: 1...1024) ?? RandomForestRegressor.defaultJobs
        var training = TrainingOptions()
        if let name = try options.choice("feature-set", from: FeatureSet.allCases.map(\.rawValue)),
           let set = FeatureSet(rawValue: name) {
            training.featureSet = set
        } else {
            training.featureSet = TrainDefaults.featureSet
        }
        // As in train: an explicit --backtest K is run as asked (an error if the test rows cannot
        // make K blocks of 2 days); the default shrinks to fit a small file.
        if let folds = try options.int("backtest", in: 1...1000) {
            training.backtestFolds = folds
            training.backtestIsExact = true
        } else {
            training.backtestFolds = defaultFolds
        }
        if let fraction = try options.double("test-fraction", in: 0...1) {
            guard fraction > 0, fraction < 1 else {
                throw CLIError.usage("--test-fraction expects a number between 0 and 1 (exclusive), got '\(fraction)'")
            }
            training.testFraction = fraction
        }
        let featuresPath = options.string("features") ?? "data/processed/features_daily.csv"
        let output = options.string("output") ?? defaultOutput

        let records = try TrainCommand.readFeatures(featuresPath).records
        let progress = console.stderrIsTerminal ? TuneProgress(console: console) : nil
        var report: (@Sendable (Int, Int, Tuning.Trial) -> Void)?
        if let progress { report = { done, total, best in progress.update(done: done, total: total, best: best) } }
        let result = try Tuning.run(
            records: records, options: Tuning.Options(trials: trials, seed: seed, jobs: jobs, training: training),
            progress: report
        )
        progress?.clear()

        let best = result.best
        let record = TuningRecord(
            featuresPath: featuresPath, featureSet: training.featureSet.rawValue, backtestFolds: result.folds,
            trials: result.trials.count, seed: seed, backtest: best.backtest,
            defaultsBacktest: result.defaults?.backtest ?? best.backtest
        )
        try AtomicFile.write(try TunedParameters.fileText(best.parameters, record: record), to: output)
        if options.flag("json") {
            console.out(try TuneReport.json(result, record: record, output: output))
        } else {
            for line in TuneReport.table(result, record: record, output: output) { console.out(line) }
        }
        return .success
    }
}

/// `tune: 7/20 trials, best MAE 3712.40 (trial 4), 12 s` on stderr, rewritten after each trial.
private final class TuneProgress: Sendable {
    private let console: Console
    private let shown = Mutex(false)
    private let started = Date()

    init(console: Console) {
        self.console = console
    }

    func update(done: Int, total: Int, best: Tuning.Trial) {
        let seconds = Int(Date().timeIntervalSince(started))
        // Under the lock so two trials finishing together do not interleave their lines.
        shown.withLock { shown in
            shown = true
            console.errRaw("\rtune: \(done)/\(total) trials, best MAE \(TrainReport.format(best.backtest.mae, digits: 2)) "
                + "(trial \(best.number)), \(seconds) s\u{1B}[K")
        }
    }

    func clear() {
        if shown.withLock({ $0 }) { console.errRaw("\r\u{1B}[K") }
    }
}
