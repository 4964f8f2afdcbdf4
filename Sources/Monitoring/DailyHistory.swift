import ForecastData

/// The shop's daily revenue as the features file knows it: `ca_total` of each row, plus the
/// last row's `label`, which is the revenue of the day after the last row (SPEC.md). The
/// actual revenue of a forecast day and the naive rules' forecasts all come from here.
struct DailyHistory: Sendable {
    /// The first day, as a `Day` ordinal.
    let firstDay: Int
    /// Revenue of `firstDay + i`, consecutive days.
    let revenues: [Double]

    /// The history of a features file's rows (consecutive days, as `FeaturesFile.read` checks).
    init(records: [DailyRecord]) {
        firstDay = records.first?.day.ordinal ?? 0
        revenues = records.isEmpty ? [] : records.map(\.revenue) + [records[records.count - 1].label]
    }

    init(firstDay: Int, revenues: [Double]) {
        self.firstDay = firstDay
        self.revenues = revenues
    }

    /// The last day whose revenue is known, as a `Day` ordinal (nil for an empty history).
    var lastDay: Int? { revenues.isEmpty ? nil : firstDay + revenues.count - 1 }

    /// The revenue of `day` (a `Day` ordinal), nil outside the history.
    func revenue(_ day: Int) -> Double? {
        let index = day - firstDay
        return revenues.indices.contains(index) ? revenues[index] : nil
    }

    /// Days in the 7-day mean rule, as in the `ca_mean_7d` feature and the training baseline.
    static let movingAverageDays = 7

    /// The mean revenue of the `days` days ending on `day`, shortened at the start of the
    /// history as the features are (README "Feature sets"); nil when `day` is outside it.
    func movingMean(endingOn day: Int, days: Int = movingAverageDays) -> Double? {
        let last = day - firstDay
        guard revenues.indices.contains(last) else { return nil }
        let first = max(0, last - days + 1)
        var total = 0.0
        for index in first...last { total += revenues[index] }
        return total / Double(last - first + 1)
    }
}
