import ForecastData

/// The naive forecasts a model must beat (SPEC.md `forecast train`, issue 3):
///
/// - `persistence`: tomorrow = today's `ca_total`;
/// - `train_mean`: tomorrow = the mean label of the training rows;
/// - `moving_average_7d`: tomorrow = the mean `ca_total` of the 7 days ending today (fewer at
///   the very start of the data).
public enum Baseline: String, Sendable, CaseIterable {
    case persistence
    case trainMean = "train_mean"
    case movingAverage7d = "moving_average_7d"

    /// Human label for tables.
    public var title: String {
        switch self {
        case .persistence: "persistence (tomorrow = today)"
        case .trainMean: "training mean"
        case .movingAverage7d: "7-day moving average"
        }
    }

    /// Predictions for `records[testRange]`, given the training rows `records[trainRange]`.
    public func predictions(records: [DailyRecord], trainRange: Range<Int>, testRange: Range<Int>) -> [Double] {
        switch self {
        case .persistence:
            return testRange.map { records[$0].revenue }
        case .trainMean:
            let mean = trainRange.reduce(0.0) { $0 + records[$1].label } / Double(max(1, trainRange.count))
            return testRange.map { _ in mean }
        case .movingAverage7d:
            return testRange.map { index in
                let window = max(0, index - 6)...index
                return window.reduce(0.0) { $0 + records[$1].revenue } / Double(window.count)
            }
        }
    }
}
