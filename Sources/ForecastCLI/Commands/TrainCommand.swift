import Foundation
import ForecastData
import Forest
import ModelRegistry

/// `forecast train`: compares the candidates in a rolling-origin backtest, fits the chosen one
/// on the first rows of the features file, scores it on the last rows beside the baselines,
/// registers a new model version and makes it current.
enum TrainCommand: Command {
    static let configuration = CommandConfiguration(
        name: "train",
        abstract: "Compare the forecasters, train the best one and register a new model version.",
        discussion: """
            Candidates: forest (random forest on revenue levels, --feature-set), forest_scale_free \
            (random forest on next-day revenue relative to the 7-day mean), seasonal_naive (mean of the \
            same weekday over the last 4 weeks), moving_average_7d, persistence (tomorrow = today) and \
            blend (mean of the best forest and the best rule). A rolling-origin backtest (--backtest K, \
            default 5) refits them at K successive cut-offs over the test period; --model auto registers \
            the one with the lowest mean MAE (with --backtest 0, the forest). The first rows train, the \
            last --test-fraction test (never shuffled); the test rows are scored with MAE, RMSE and R² \
            beside persistence, the training mean and the 7-day moving average. The forecast interval \
            is calibrated on the backtest's out-of-sample errors to cover 80 % of outcomes. \
            Hyperparameters default to scikit-learn's RandomForestRegressor. The result is identical \
            for every --jobs value.
            """,
        options: [
            OptionSpec("features", value: "PATH", help: "Daily features CSV, or a folder of Spark part-*.csv files.", default: "data/processed/features_daily.csv",
                       group: "Input"),
            OptionSpec("feature-set", value: "NAME",
                       help: "basic (ca_total, nb_commandes) or extended (adds weekday, moving averages, week-before).",
                       default: TrainDefaults.featureSet.rawValue, group: "Input"),
            OptionSpec("models-dir", value: "DIR", help: "Model registry folder.", default: "models", group: "Input"),
            OptionSpec("trees", value: "N", help: "Number of trees.", default: "200", group: "Forest"),
            OptionSpec("seed", value: "N", help: "Random seed (same seed, same model).", default: "42", group: "Forest"),
            OptionSpec("max-depth", value: "N", help: "Deepest level of a leaf.", default: "unlimited", group: "Forest"),
            OptionSpec("min-samples-leaf", value: "N", help: "Fewest rows in a leaf.", default: "1", group: "Forest"),
            OptionSpec("max-features", value: "F", help: "Fraction of features tried per split, in (0, 1].",
                       default: "1.0", group: "Forest"),
            OptionSpec("jobs", value: "N", help: "Threads (results do not depend on it).", default: "all cores",
                       group: "Forest"),
            OptionSpec("test-fraction", value: "F", help: "Share of the last rows held out for testing.",
                       default: "0.2", group: "Evaluation"),
            OptionSpec("backtest", value: "K", help: "Rolling-origin backtest with K refits over the test period (0: none).",
                       default: "5", group: "Evaluation"),
            OptionSpec("model", value: "NAME",
                       help: "auto (lowest backtest MAE), forest, forest_scale_free, seasonal_naive, moving_average_7d, persistence or blend.",
                       default: "auto", group: "Evaluation"),
            OptionSpec.flag("json", help: "Print one JSON object on stdout.", group: "Output"),
        ]
    )

    static func run(_ options: ParsedOptions, console: Console) throws -> ExitCode {
        let training = try TrainDefaults.options(from: options)
        let featuresPath = options.string("features") ?? "data/processed/features_daily.csv"
        let store = ModelStore(directory: options.string("models-dir") ?? "models")
        let json = options.flag("json")

        let file = try trainAndRegister(featuresPath: featuresPath, options: training, store: store)
        if json {
            console.out(try TrainReport.json(file))
        } else {
            for line in TrainReport.table(file) { console.out(line) }
            console.out("")
            console.out("Registered model \(file.modelVersion) (now current) in \(store.directory)/")
        }
        return .success
    }

    /// Reads the features table, trains on it and registers the model as the current version.
    /// Shared with `serve`, which trains with the defaults on a fresh clone.
    static func trainAndRegister(
        featuresPath: String, options training: TrainingOptions, store: ModelStore
    ) throws -> ModelFile {
        let (records, digest) = try readFeatures(featuresPath)
        let result = try Trainer.train(records: records, featuresPath: featuresPath, featuresSHA256: digest, options: training)
        return try store.register(result.file)
    }

    /// The table and the SHA-256 recorded with the model: of the file's bytes, or for a folder of
    /// Spark part files, of the table as `forecast etl` would write it (the same table split in
    /// other parts or orders gets the same digest).
    static func readFeatures(_ path: String) throws -> (records: [DailyRecord], sha256: String) {
        if FeaturesFolder.isFolder(path) {
            let records = try FeaturesFolder.read(from: path)
            return (records, sha256Hex(Data(FeaturesFile.render(records).utf8)))
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FileError.cannotRead(path: path, reason: "no such file; run 'forecast etl' first")
        }
        let records = try FeaturesFile.parse(String(decoding: data, as: UTF8.self), path: path)
        return (records, sha256Hex(data))
    }

    private static func sha256Hex(_ data: Data) -> String {
        data.withUnsafeBytes { buffer in
            var hasher = SHA256()
            hasher.update(buffer: buffer)
            return hasher.finalizeHex()
        }
    }
}
