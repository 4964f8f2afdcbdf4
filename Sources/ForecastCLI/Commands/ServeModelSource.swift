import Foundation
import ForecastData
import ForecastService
import ModelRegistry

/// The model source `serve` uses: the registry, trained first from the shipped sample when the
/// registry is empty, so `forecast serve` works on a fresh clone (issue #4).
enum ServeModelSource {
    /// The shipped sample (SPEC.md "Files").
    static let samplePath = "data/raw/ventes_ecommerce.csv"

    /// The registry at `modelsDirectory`; when it has no current model and the sample exists,
    /// runs the ETL (if the features file is missing) and the training `forecast etl` and
    /// `forecast train` would, with their defaults, saying so on stderr (stdout stays reserved
    /// for the listening line).
    static func prepare(modelsDirectory: String, featuresPath: String, console: Console) throws -> any ModelSource {
        let store = ModelStore(directory: modelsDirectory)
        guard try store.currentVersion() == nil, FileManager.default.fileExists(atPath: samplePath) else {
            return RegistryModelSource(store: store)
        }
        if !FileManager.default.fileExists(atPath: featuresPath) {
            console.err("no model yet: running the ETL on \(samplePath) → \(featuresPath)")
            let summary = try DailyFeaturesETL.run(ETLOptions(input: samplePath, output: featuresPath))
            for line in summary.textLines { console.err("  " + line) }
        }
        console.err("no model yet: training on \(featuresPath) with the 'forecast train' defaults")
        let training = try TrainDefaults.options(from: ParsedOptions(command: "train", values: [:], positionals: []))
        let file = try TrainCommand.trainAndRegister(featuresPath: featuresPath, options: training, store: store)
        console.err("registered model \(file.modelVersion) in \(store.directory)/; serving it")
        return RegistryModelSource(store: store)
    }
}
