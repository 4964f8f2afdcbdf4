import ForecastData
import ModelRegistry

/// The range of the training target (the `label` column of the features file): a prediction
/// outside it is extrapolation, which a random forest cannot do, so it is listed as an anomaly.
enum PlotTrainingRange {
    /// nil when the default features file does not exist (anomalies then use 3 σ only); an
    /// explicitly given file that cannot be read is an error. With a current model, only the
    /// days it was trained on count (its `train_first_day` to `train_last_day`).
    static func read(_ path: String, explicit: Bool, model: ModelFile?) throws -> ClosedRange<Double>? {
        let records: [DailyRecord]
        do {
            records = try FeaturesFile.read(from: path)
        } catch where !explicit && error is FileError {
            return nil
        }
        var labels = records.map(\.label)
        if let model, let first = Day(iso: model.training.trainFirstDay), let last = Day(iso: model.training.trainLastDay) {
            let trained = records.filter { $0.day >= first && $0.day <= last }.map(\.label)
            if !trained.isEmpty { labels = trained }
        }
        guard let low = labels.min(), let high = labels.max() else { return nil }
        return low...high
    }
}
