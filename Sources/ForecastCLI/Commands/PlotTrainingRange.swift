import ForecastData

/// The range of the training target (the `label` column of the features file): a prediction
/// outside it is extrapolation, which a random forest cannot do, so it is listed as an anomaly.
enum PlotTrainingRange {
    /// nil when the default features file does not exist (anomalies then use 3 σ only); an
    /// explicitly given file that cannot be read is an error.
    static func read(_ path: String, explicit: Bool) throws -> ClosedRange<Double>? {
        let records: [DailyRecord]
        do {
            records = try FeaturesFile.read(from: path)
        } catch where !explicit && error is FileError {
            return nil
        }
        guard let low = records.map(\.label).min(), let high = records.map(\.label).max() else { return nil }
        return low...high
    }
}
