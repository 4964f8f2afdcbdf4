import Testing
import ForecastData
import Forest
@testable import ModelRegistry

/// Each rule's arithmetic on a series whose day k earned k, so every expected value is a sum
/// one can check by hand.
@Suite struct RuleModelTests {
    let revenues = (0..<40).map(Double.init)

    @Test func seasonalNaive_AveragesTheForecastWeekdayOverFourWeeks() {
        // Row 30 forecasts day 31, whose weekday fell on days 24, 17, 10 and 3.
        let expected: Double = (24 + 17 + 10 + 3) / 4
        #expect(RuleModel(.seasonalNaive).forecasts(revenues: revenues, range: 30..<31) == [expected])
        // Row 8 reaches back one week only (day 2); row 3 none: the 7-day mean of days 0…3.
        #expect(RuleModel(.seasonalNaive).forecasts(revenues: revenues, range: 8..<9) == [2])
        #expect(RuleModel(.seasonalNaive).forecasts(revenues: revenues, range: 3..<4) == [1.5])
    }

    @Test func movingAverage_AndPersistence() {
        #expect(RuleModel(.movingAverage7d).forecasts(revenues: revenues, range: 30..<32) == [27, 28])
        #expect(RuleModel(.movingAverage7d).forecasts(revenues: revenues, range: 0..<2) == [0, 0.5])
        #expect(RuleModel(.persistence).forecasts(revenues: revenues, range: 10..<12) == [10, 11])
    }

    @Test func recentRevenue_FromAServingHistory_MatchesTheSeriesWindow() {
        // The server holds the 27 days before the current one; the rule must not care.
        let recent = RecentRevenue(earlier: revenues[3..<30], today: 30)
        #expect(RuleModel(.seasonalNaive).forecast(recent) == RuleModel(.seasonalNaive).forecasts(revenues: revenues, range: 30..<31)[0])
        let sum = (3...30).reduce(0.0) { $0 + Double($1) }
        #expect(recent.mean(days: 28) == sum / 28)
    }

    @Test func storedRule_SaysWhatItDoes_AndRejectsImpossibleWindows() {
        #expect(RuleModel(.seasonalNaive).formula.contains("last 4 weeks"))
        var rule = RuleModel(.seasonalNaive)
        rule.window = 5  // the serving history holds four weeks
        #expect(!rule.isValid)
        #expect(RuleModel(.persistence).isValid)
    }
}

/// The scale-free forest learns ratios, so it carries over to a level it never saw.
@Suite struct ScaleFreeFeaturesTests {
    /// A weekly pattern at level 1000 for `before` days, then at level 2000.
    static func shifted(before: Int, after: Int) -> [DailyRecord] {
        let start = Day(year: 2024, month: 1, day: 1)!
        let profile: [Double] = [0.9, 0.85, 0.95, 1.0, 1.1, 1.3, 0.9]
        let revenue = (0...(before + after)).map { index -> Double in
            let day = start.adding(days: index)
            return (index < before ? 1000 : 2000) * profile[day.weekday - 1]
        }
        return (0..<(before + after)).map { index in
            DailyRecord(day: start.adding(days: index), revenue: revenue[index], orderCount: 10, label: revenue[index + 1])
        }
    }

    @Test func forestRow_IsWhatTheForestInsideSees() throws {
        let earlier = Array(repeating: 500.0, count: 27)[...]
        let day = Day(year: 2024, month: 1, day: 9)!  // a Tuesday: the forecast day is Wednesday (3)
        let forest = try RandomForestRegressor.fit(
            features: FeatureMatrix(rows: [[1, 1, 1, 3, 1, 1], [2, 1, 1, 4, 1, 1]], featureCount: 6), targets: [1, 2]
        )
        let scaleFree = Forecaster.scaleFree(forest)
        #expect(scaleFree.forestRow(revenue: 500, orderCount: 3, day: day, earlier: earlier) == [1, 1, 1, 3, 1, 1])
        #expect(Forecaster.blend(scaleFree, RuleModel(.persistence)).forestRow(revenue: 500, orderCount: 3, day: day, earlier: earlier)
            == [1, 1, 1, 3, 1, 1])
        #expect(Forecaster.rule(RuleModel(.persistence)).forestRow(revenue: 500, orderCount: 3, day: day, earlier: earlier) == nil)
    }

    @Test func shortWindows_AverageTheSameWeekdaysThereAre() {
        // 20 earlier days reach the forecast day's weekday 1, 2 and 3 weeks back (6, 13 and 20
        // days before the current one), not 4.
        let earlier = (0..<20).map { Double($0 * 10) }
        let recent = RecentRevenue(earlier: earlier[...], today: 999)
        #expect(recent.sameWeekdayMean(weeks: 4) == (earlier[14] + earlier[7] + earlier[0]) / 3)
        #expect(recent.sameWeekdayMean(weeks: 1) == earlier[14])
        #expect(RecentRevenue(earlier: earlier[15...], today: 999).sameWeekdayMean(weeks: 4) == nil)
        let row = ScaleFreeFeatures.row(recent, forecastWeekday: 5)
        let mean7 = recent.mean(days: 7)
        #expect(row[5] == ((earlier[14] + earlier[7] + earlier[0]) / 3) / mean7)
        #expect(row[4] == earlier[14] / mean7)
    }

    @Test func constantSeries_HasUnitRatios() {
        let recent = RecentRevenue(earlier: Array(repeating: 500.0, count: 27)[...], today: 500)
        let row = ScaleFreeFeatures.row(recent, forecastWeekday: 3)
        #expect(row == [1, 1, 1, 3, 1, 1])
        #expect(ScaleFreeFeatures.scale(recent) == 500)
    }

    @Test func afterTheLevelDoubles_TheScaleFreeForestFollows_AndTheLevelForestCannot() throws {
        let records = Self.shifted(before: 100, after: 50)
        let series = try DailySeries(records: records)
        var parameters = ForestParameters()
        parameters.treeCount = 20
        let scaleFree = try series.fit(.forestScaleFree, range: 0..<99, featureSet: .extended, parameters: parameters, jobs: 1)
        let levels = try series.fit(.forest, range: 0..<99, featureSet: .extended, parameters: parameters, jobs: 1)
        // Rows 130…149: a full four weeks at the new level.
        let actual = Array(series.labels[130..<150])
        let free = series.forecasts(scaleFree, range: 130..<150, jobs: 1)
        let level = series.forecasts(levels, range: 130..<150, jobs: 1)
        for (outcome, guess) in zip(actual, free) { #expect(abs(guess - outcome) / outcome < 0.05) }
        // A level forest never predicts above the largest label it saw (1300).
        #expect(level.allSatisfy { $0 <= 1300 + 1e-9 })
    }
}
