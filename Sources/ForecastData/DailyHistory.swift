/// The shop's daily revenue, day after day with no gap: what a forecast is computed from.
///
/// Built from the features file, whose rows give each day's `ca_total` and whose last `label`
/// is the revenue of the day after its last row, so the history ends one day after the file's
/// last row (the most recent day whose sales are known). Kept apart from the model, so a
/// nightly `forecast etl` moves forecasts forward without retraining.
public struct DailyHistory: Sendable, Equatable {
    /// The first day held.
    public let firstDay: Day
    /// Revenue per day from `firstDay`, oldest first.
    public let revenue: [Double]

    /// The last day held.
    public var lastDay: Day { firstDay.adding(days: revenue.count - 1) }

    /// A history of consecutive days from `firstDay`; `revenue` must not be empty.
    public init(firstDay: Day, revenue: [Double]) {
        precondition(!revenue.isEmpty, "a daily history holds at least one day")
        self.firstDay = firstDay
        self.revenue = revenue
    }

    /// The history a features file describes: each row's day and revenue, then the last row's
    /// label as the revenue of the next day. nil for a file without rows.
    public init?(records: [DailyRecord]) {
        guard let first = records.first, let last = records.last else { return nil }
        self.init(firstDay: first.day, revenue: records.map(\.revenue) + [last.label])
    }

    /// The revenue of the `count` days just before `day`, oldest first, or fewer when the
    /// history starts later (as the training rows at the start of the data are computed).
    ///
    /// Throws when a day the window needs is missing: `day` is after the day following the
    /// last day held, or before the first day.
    public func revenue(before day: Day, count: Int) throws(HistoryGap) -> ArraySlice<Double> {
        guard day >= firstDay else { throw .beforeStart(day: day, firstDay: firstDay) }
        guard day.ordinal <= lastDay.ordinal + 1 else {
            throw .missingDays(from: lastDay.adding(days: 1), through: day.adding(days: -1), lastDay: lastDay)
        }
        let end = day.ordinal - firstDay.ordinal
        return revenue[max(0, end - count)..<end]
    }
}

/// Why a history cannot give the days a forecast needs.
public enum HistoryGap: Error, Equatable, Sendable, CustomStringConvertible {
    /// The days `from` through `through` lie between the history's last day and the request.
    case missingDays(from: Day, through: Day, lastDay: Day)
    /// The request's day comes before the first day of the history.
    case beforeStart(day: Day, firstDay: Day)

    public var description: String {
        switch self {
        case let .missingDays(from, through, lastDay):
            let days = from == through ? "\(from) is" : "\(from) to \(through) (\(through.ordinal - from.ordinal + 1) days) are"
            return "the daily history ends on \(lastDay): \(days) missing"
        case let .beforeStart(day, firstDay):
            return "\(day) is before the first day of the daily history (\(firstDay))"
        }
    }
}
