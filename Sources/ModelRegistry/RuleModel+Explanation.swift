import ForecastData

extension RuleModel {
    /// The rule's own terms for the forecast made from `recent` (whose current day is `day`):
    /// each day's revenue it averages, times its weight, named `revenue_YYYY-MM-DD`. They add up
    /// to `forecast(recent)` (to rounding), with no baseline: a rule has no expected value.
    ///
    /// Dated names never collide with a forest's feature names, so a blend can list both.
    public func terms(_ recent: RecentRevenue, day: Day) -> [(name: String, value: Double)] {
        // (days before the current one, revenue) of the days the forecast averages.
        let used: [(back: Int, revenue: Double)]
        switch kind {
        case .seasonalNaive:
            let weeks = (1...max(1, window)).compactMap { weeks -> (Int, Double)? in
                recent.sameWeekday(weeksBack: weeks).map { (7 * weeks - 1, $0) }
            }
            used = weeks.isEmpty ? RuleModel.lastDays(7, recent) : weeks
        case .movingAverage7d:
            used = RuleModel.lastDays(window, recent)
        case .persistence:
            used = [(0, recent.today)]
        }
        let weight = 1 / Double(used.count)
        return used.map { (name: "revenue_" + day.adding(days: -$0.back).iso, value: $0.revenue * weight) }
    }

    /// The current day and the days before it that `RecentRevenue.mean(days:)` averages.
    private static func lastDays(_ days: Int, _ recent: RecentRevenue) -> [(back: Int, revenue: Double)] {
        let before = recent.earlier.suffix(max(0, days - 1))
        return [(0, recent.today)] + before.enumerated().map { offset, revenue in (before.count - offset, revenue) }
    }
}
