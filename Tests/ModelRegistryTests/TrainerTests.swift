import Testing
import ForecastData
@testable import ModelRegistry

@Suite struct TrainerTests {
    @Test func split_IsTemporal_WithCeilingTestRows() throws {
        let result = try Fixtures.trained(days: 101)
        // ceil(0.2 × 101) = 21 test rows, the last ones.
        #expect(result.file.training.testRows == 21)
        #expect(result.file.training.trainRows == 80)
        let records = Fixtures.records(days: 101)
        #expect(result.file.training.testFirstDay == records[80].day.iso)
        #expect(result.file.testPredictions.map(\.date) == records[80...].map(\.day.iso))
        #expect(result.file.testPredictions.map(\.actual) == records[80...].map(\.label))
    }

    @Test func baselines_MatchHandComputedForecasts() {
        let start = Day(year: 2024, month: 3, day: 1)!
        let revenue: [Double] = [10, 20, 30, 40, 50, 60, 70, 80, 90]
        let records = (0..<8).map { DailyRecord(day: start.adding(days: $0), revenue: revenue[$0], orderCount: 1, label: revenue[$0 + 1]) }
        #expect(Baseline.persistence.predictions(records: records, trainRange: 0..<6, testRange: 6..<8) == [70, 80])
        // Training labels 20 … 70: mean 45.
        #expect(Baseline.trainMean.predictions(records: records, trainRange: 0..<6, testRange: 6..<8) == [45, 45])
        // Days 1–7 mean 40; days 2–8 mean 50; the first day alone.
        #expect(Baseline.movingAverage7d.predictions(records: records, trainRange: 0..<6, testRange: 6..<8) == [40, 50])
        #expect(Baseline.movingAverage7d.predictions(records: records, trainRange: 0..<0, testRange: 0..<1) == [10])
    }

    @Test func backtest_CoversTheTestPeriodInConsecutiveFolds() throws {
        var options = TrainingOptions(backtestFolds: 3)
        options.parameters.treeCount = 5
        let records = Fixtures.records(days: 100)
        let result = try Trainer.train(records: records, featuresPath: "f", featuresSHA256: "0", options: options)
        let folds = try #require(result.file.metrics.backtest).folds
        #expect(folds.map(\.trainRows) == [80, 86, 92])
        #expect(folds.first?.testFirstDay == records[80].day.iso)
        #expect(folds.last?.testLastDay == records[99].day.iso)
    }

    @Test func levelForestBacktest_MatchesTheForestCandidate() throws {
        var options = TrainingOptions(backtestFolds: 3)
        options.parameters.treeCount = 5
        let records = Fixtures.records(days: 100)
        let summary = try Backtest.run(records: records, options: options, featureSet: .extended)
        let trained = try Trainer.train(records: records, featuresPath: "f", featuresSHA256: "0", options: options)
        #expect(summary.mean["model"] == trained.file.metrics.candidates?["forest"]?.backtest)
        #expect(summary.folds.map(\.trainRows) == [80, 86, 92])
    }

    @Test func smallFile_GetsFewerDefaultFolds() throws {
        var options = TrainingOptions()
        options.parameters.treeCount = 3
        // 30 days: 6 test rows make 3 folds of 2 days, not the default 5.
        let result = try Trainer.train(records: Fixtures.records(days: 30), featuresPath: "f", featuresSHA256: "0", options: options)
        #expect(result.file.metrics.backtest?.folds.count == 3)
    }

    @Test func tooFewRows_OrTooManyFolds_AreExplained() {
        #expect(throws: TrainingError.self) {
            try Trainer.train(records: Fixtures.records(days: 3), featuresPath: "f", featuresSHA256: "0", options: TrainingOptions())
        }
        #expect(throws: TrainingError.self) {
            try Trainer.train(
                records: Fixtures.records(days: 40), featuresPath: "f", featuresSHA256: "0",
                options: TrainingOptions(backtestFolds: 8, backtestIsExact: true)
            )
        }
    }
}
