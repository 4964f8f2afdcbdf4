import ForecastData
import Testing
@testable import Monitoring

/// The join of logged forecasts with actuals, and the figures over it, on numbers small
/// enough to check by hand.
@Suite struct ForecastJoinTests {
    /// Revenue 100, 200, …, 1000 on 2026-01-01 … 2026-01-10.
    static let history = LogFixtures.history(from: "2026-01-01", (1...10).map { Double($0) * 100 })

    /// One line without calendar fields (written before the server knew its day), two
    /// forecasts for 01-09, one awaiting its actual, one before the history.
    static let log = LogFixtures.calendarHeader
        + "2026-01-03T08:00:00.000Z,1,1,1,old,,,,,\n"
        + LogFixtures.line("2026-01-04T20:00:00.000Z", forecast: "2026-01-05", prediction: 450, lower: 400, upper: 520)
        + LogFixtures.line("2026-01-08T20:00:00.000Z", forecast: "2026-01-09", prediction: 100, lower: 50, upper: 150)
        + LogFixtures.line("2026-01-08T21:00:00.000Z", forecast: "2026-01-09", prediction: 950, lower: 900, upper: 1000)
        + LogFixtures.line("2026-01-10T20:00:00.000Z", forecast: "2026-01-11", prediction: 1000, lower: 900, upper: 1100)
        + LogFixtures.line("2025-12-30T20:00:00.000Z", forecast: "2025-12-31", prediction: 10, lower: 0, upper: 20)

    @Test func join_ScoresTheLastForecastOfEachDay_AndCountsTheRest() throws {
        let data = LogFixtures.read(Self.log).data
        let join = ForecastJoin(log: data, history: Self.history)
        #expect(join.scored.map(\.forecastDay) == [LogFixtures.ordinal("2026-01-05"), LogFixtures.ordinal("2026-01-09")])
        #expect(join.scored.map(\.prediction) == [450, 950], "the later of the two forecasts for 01-09 counts")
        #expect(join.scored.map(\.actual) == [500, 900])
        #expect(join.withoutForecastDate == 1)
        #expect(join.superseded == 1)
        #expect(join.awaitingActual.count == 1 && data.predictions[join.awaitingActual[0]] == 1000)
        #expect(join.outsideHistory == 1)
    }

    @Test func rules_PersistenceIsTheInputsDay_MeanIsTheSevenDaysEndingOnIt() {
        let join = ForecastJoin(log: LogFixtures.read(Self.log).data, history: Self.history)
        #expect(join.scored.map(\.persistence) == [400, 800])
        // 01-04: only 4 days of history (shortened window): (100+200+300+400)/4; 01-08: 200…800.
        #expect(join.scored.map(\.movingAverage7d) == [250, 500])
    }

    @Test func metrics_MAERMSEBiasCoverage_BesideTheRules() throws {
        let join = ForecastJoin(log: LogFixtures.read(Self.log).data, history: Self.history)
        let metrics = try #require(AccuracyMetrics(join.scored[...]))
        #expect(metrics.days == 2 && metrics.firstDay == "2026-01-05" && metrics.lastDay == "2026-01-09")
        #expect(metrics.mae == 50 && metrics.rmse == 50 && metrics.bias == 0)
        #expect(metrics.coverage == 1, "bounds are inside the interval")
        let persistence = try #require(metrics.baselines[AccuracyMetrics.persistence])
        #expect(persistence.mae == 100 && persistence.bias == -100)
        let moving = try #require(metrics.baselines[AccuracyMetrics.movingAverage7d])
        #expect(moving.mae == 325 && abs(moving.rmse - (111_250.0).squareRoot()) < 1e-9)
        #expect(metrics.bestRule.name == AccuracyMetrics.persistence && !metrics.worseThanBestRule)
    }

    @Test func coverage_CountsActualsOutsideTheInterval() throws {
        let log = LogFixtures.calendarHeader
            + LogFixtures.line("2026-01-01T20:00:00.000Z", forecast: "2026-01-02", prediction: 200, lower: 150, upper: 199)
            + LogFixtures.line("2026-01-02T20:00:00.000Z", forecast: "2026-01-03", prediction: 300, lower: 250, upper: 350)
            + LogFixtures.line("2026-01-03T20:00:00.000Z", forecast: "2026-01-04", prediction: 400, lower: 401, upper: 450)
            + LogFixtures.line("2026-01-04T20:00:00.000Z", forecast: "2026-01-05", prediction: 500, lower: 500, upper: 500)
        let join = ForecastJoin(log: LogFixtures.read(log).data, history: Self.history)
        #expect(try #require(AccuracyMetrics(join.scored[...])).coverage == 0.5)
    }

    @Test func window_IsTheLastNScoredDays() throws {
        let data = LogFixtures.read(Self.log).data
        let join = ForecastJoin(log: data, history: Self.history)
        let report = AccuracyReport(join: join, log: data, history: Self.history, windowDays: 1, logPaths: ["log.csv"],
                                    featuresPath: "features.csv")
        let window = try #require(report.window)
        #expect(window.days == 1 && window.firstDay == "2026-01-09" && window.mae == 50)
        #expect(window.baselines[AccuracyMetrics.persistence]?.mae == 100)
        #expect(report.overall?.days == 2 && report.scoredDays == 2)
        #expect(report.verdict == .doingItsJob && report.headline.hasPrefix("The model is doing its job"))
        #expect(report.unscored == .init(withoutForecastDate: 1, superseded: 1, awaitingActual: 1, outsideFeatures: 1, malformedLines: 0))
    }

    @Test func worseThanTheBestRule_OverTheWindow_IsTheVerdict() throws {
        // Forecasts 300 off every day; persistence is 100 off.
        let log = LogFixtures.calendarHeader + (3...9).map { day in
            LogFixtures.line("2026-01-0\(day - 1)T20:00:00.000Z", forecast: "2026-01-0\(day)", prediction: Double(day) * 100 + 300,
                             lower: 0, upper: 1)
        }.joined()
        let data = LogFixtures.read(log).data
        let report = AccuracyReport(join: ForecastJoin(log: data, history: Self.history), log: data, history: Self.history,
                                    windowDays: 28, logPaths: [], featuresPath: "f.csv")
        #expect(report.window?.mae == 300 && report.window?.bestRule.mae == 100)
        #expect(report.verdict == .worseThanRules)
        #expect(report.headline.hasPrefix("The model is not doing its job") && report.headline.contains("forecast train"))
    }

    @Test func sameTimestamp_TheLineReadLastCounts_AndALaterTimeWinsWhateverTheFileOrder() {
        let early = LogFixtures.line("2026-01-04T20:00:00.000Z", forecast: "2026-01-05", prediction: 1, lower: 0, upper: 1)
        let late = LogFixtures.line("2026-01-04T21:00:00.000Z", forecast: "2026-01-05", prediction: 2, lower: 0, upper: 1)
        let tie = LogFixtures.line("2026-01-04T21:00:00.000Z", forecast: "2026-01-05", prediction: 3, lower: 0, upper: 1)
        let history = Self.history
        #expect(ForecastJoin(log: LogFixtures.read(late + early).data, history: history).scored.map(\.prediction) == [2])
        #expect(ForecastJoin(log: LogFixtures.read(late + tie).data, history: history).scored.map(\.prediction) == [3])
    }

    @Test func nothingToScore_WhenNoForecastDayHasAnActual() {
        let log = LogFixtures.calendarHeader
            + LogFixtures.line("2026-01-10T20:00:00.000Z", forecast: "2026-01-11", prediction: 1, lower: 0, upper: 1)
        let data = LogFixtures.read(log).data
        let report = AccuracyReport(join: ForecastJoin(log: data, history: Self.history), log: data, history: Self.history,
                                    windowDays: 28, logPaths: [], featuresPath: "f.csv")
        #expect(report.verdict == .nothingToScore && report.window == nil && report.overall == nil && report.scoredDays == 0)
        #expect(report.unscored.awaitingActual == 1)
    }

    @Test func history_TheLastLabelIsTheDayAfterTheLastRow() throws {
        let records = [DailyRecord(day: Day(iso: "2026-01-01")!, revenue: 10, orderCount: 1, label: 20),
                       DailyRecord(day: Day(iso: "2026-01-02")!, revenue: 20, orderCount: 1, label: 30)]
        let history = try #require(DailyHistory(records: records))
        #expect(history.revenue(onOrdinal: LogFixtures.ordinal("2026-01-03")) == 30)
        #expect(history.revenue(onOrdinal: LogFixtures.ordinal("2026-01-04")) == nil)
        #expect(history.revenue(onOrdinal: LogFixtures.ordinal("2025-12-31")) == nil)
        #expect(history.movingMean(endingOnOrdinal: LogFixtures.ordinal("2026-01-03")) == 20)
        #expect(history.movingMean(endingOnOrdinal: LogFixtures.ordinal("2026-01-04")) == nil)
    }

    @Test func rolling_IsTheMeanOfTheLastNValues() {
        #expect(AccuracySection.rolling([1, 2, 3, 4, 5], window: 2) == [1, 1.5, 2.5, 3.5, 4.5])
        #expect(AccuracySection.rolling([4, 2], window: 28) == [4, 3])
    }
}

@Suite struct AccuracyHeadlineTests {
    @Test func onlyLinesWithoutForecastDate_TheHeadlineSaysWhy() {
        let log = LogFixtures.calendarHeader + "2026-01-03T08:00:00.000Z,1,1,1,old,,,,,\n"
        let data = LogFixtures.read(log).data
        let history = ForecastJoinTests.history
        let report = AccuracyReport(join: ForecastJoin(log: data, history: history), log: data, history: history,
                                    windowDays: 28, logPaths: [], featuresPath: "f.csv")
        #expect(report.verdict == .nothingToScore)
        #expect(report.headline.contains("do not say which day they forecast"))
    }
}
