import ForecastData
import ModelRegistry

/// The range of the training target (the `label` column of the features file): a prediction
/// outside it is extrapolation, which a random forest cannot do, so it is listed as an anomaly.
enum TrainingRange {
    /// nil without features (anomalies then use 3 σ only). With a current model, only the days
    /// it was trained on count (its `train_first_day` to `train_last_day`).
    static func of(_ records: [DailyRecord]?, model: ModelFile?) -> ClosedRange<Double>? {
        guard let records else { return nil }
        var labels = records.map(\.label)
        if let model, let first = Day(iso: model.training.trainFirstDay), let last = Day(iso: model.training.trainLastDay) {
            let trained = records.filter { $0.day >= first && $0.day <= last }.map(\.label)
            if !trained.isEmpty { labels = trained }
        }
        guard let low = labels.min(), let high = labels.max() else { return nil }
        return low...high
    }
}
