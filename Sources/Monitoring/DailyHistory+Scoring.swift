import ForecastData

/// What scoring needs from the daily history (the features file's `ca_total` per day, and its
/// last `label` as the revenue of the day after the last row): the actual revenue of a day,
/// and the naive rules' forecasts, computed as the server computes its features.
extension DailyHistory {
    /// Days in the 7-day mean rule, as in the `ca_mean_7d` feature and the training baseline.
    static let movingAverageDays = 7

    /// The revenue of the day with this `Day` ordinal, nil outside the history.
    func revenue(onOrdinal day: Int) -> Double? {
        let index = day - firstDay.ordinal
        return revenue.indices.contains(index) ? revenue[index] : nil
    }

    /// The mean revenue of the 7 days ending on the day with this ordinal, shortened at the
    /// start of the history as the features are; nil when that day is outside the history.
    func movingMean(endingOnOrdinal day: Int) -> Double? {
        guard revenue(onOrdinal: day) != nil,
              let window = try? revenue(before: Day(ordinal: day + 1), count: Self.movingAverageDays),
              !window.isEmpty
        else { return nil }
        return window.reduce(0, +) / Double(window.count)
    }
}
