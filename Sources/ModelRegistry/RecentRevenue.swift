/// The revenue of the current day and of the days just before it: everything the rules and the
/// scale-free features look at. Built from a slice of a longer series, so neither training (a
/// window over the features file) nor serving (a window over the live history) copies anything.
///
/// Day `d` is the current day (the one a row describes); the forecast is for `d + 1`.
public struct RecentRevenue: Sendable {
    /// Revenue of the days before the current one, oldest first; only the last
    /// `RecentRevenue.daysNeeded` are looked at.
    public let earlier: ArraySlice<Double>
    /// Revenue of the current day.
    public let today: Double

    /// Earlier days a full window needs: four weeks back from the forecast day is 27 days
    /// before the current one (the same span as the extended features' 28-day mean).
    public static let daysNeeded = 27

    /// A window ending on the current day.
    public init(earlier: ArraySlice<Double>, today: Double) {
        self.earlier = earlier
        self.today = today
    }

    /// The window of row `index` of a daily series.
    public init(revenues: [Double], index: Int) {
        earlier = revenues[max(0, index - RecentRevenue.daysNeeded)..<index]
        today = revenues[index]
    }

    /// Mean revenue of the last `days` days including the current one (fewer at the start of
    /// the data: the mean over the days there are).
    public func mean(days: Int) -> Double {
        let before = earlier.suffix(max(0, days - 1))
        return (before.reduce(0, +) + today) / Double(before.count + 1)
    }

    /// Revenue on the forecast day's weekday `weeks` weeks before it (`weeks` ≥ 1), or nil when
    /// the window does not reach back that far. One week before the forecast day `d + 1` is
    /// `d - 6`.
    public func sameWeekday(weeksBack weeks: Int) -> Double? {
        let back = 7 * weeks - 1  // days before the current day
        guard back <= earlier.count else { return nil }
        return earlier[earlier.endIndex - back]
    }

    /// Mean revenue on the forecast day's weekday over the last `weeks` weeks (those the window
    /// reaches), or nil when it reaches none.
    public func sameWeekdayMean(weeks: Int) -> Double? {
        var total = 0.0, count = 0
        for back in 1...max(1, weeks) {
            guard let value = sameWeekday(weeksBack: back) else { break }  // further back is out of reach too
            total += value
            count += 1
        }
        return count == 0 ? nil : total / Double(count)
    }
}
