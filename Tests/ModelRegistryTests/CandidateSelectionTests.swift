import Foundation
import Testing
import ForecastData
import Forest
@testable import ModelRegistry

/// Which candidate wins, on how many folds, and that the whole comparison is the same for any
/// number of threads.
@Suite struct CandidateSelectionTests {
    /// A backtest of two folds of two days with hand-set forecasts (outcomes 100 each day).
    static func backtest(_ errors: [Candidate: [Double]]) -> Backtest {
        var forecasts: [Candidate: [[Double]]] = [:]
        for candidate in Candidate.allCases {
            let miss = errors[candidate] ?? [50, 50]
            forecasts[candidate] = miss.map { [100 + $0, 100 - $0] }
        }
        return Backtest(
            ranges: [10..<12, 12..<14], days: [("a", "b"), ("c", "d")], trainMeans: [0, 0], actual: [[100, 100], [100, 100]],
            forecasts: forecasts, otherFeatureSet: nil, bestForest: .forest, bestRule: .seasonalNaive
        )
    }

    @Test func lowestMeanMAE_Wins_AndEachFoldHasOneWinner() {
        // MAE per fold: persistence 1 and 30 (mean 15.5), seasonal naive 10 and 10 (mean 10).
        let run = Self.backtest([.persistence: [1, 30], .seasonalNaive: [10, 10]])
        #expect(run.best == .seasonalNaive)
        #expect(run.foldsWon[.persistence] == 1 && run.foldsWon[.seasonalNaive] == 1)
        #expect(run.foldsWon.values.reduce(0, +) == 2)
    }

    @Test func ties_GoToTheEarlierCandidate() {
        let run = Self.backtest([.forest: [5, 5], .blend: [5, 5]])
        #expect(run.best == .forest)
        #expect(run.foldsWon[.forest] == 2)
    }

    @Test func auto_RegistersTheBacktestWinner_AndForcingOverrides() throws {
        var options = TrainingOptions(backtestFolds: 3)
        options.parameters.treeCount = 8
        options.jobs = 2
        let records = Fixtures.records(days: 120)
        let auto = try Trainer.train(records: records, featuresPath: "f", featuresSHA256: "0", options: options)
        let scores = try #require(auto.file.metrics.candidates)
        let lowest = scores.min { $0.value.backtest.mae < $1.value.backtest.mae }!.key
        #expect(auto.file.metrics.selected == lowest && auto.file.modelKind == lowest)
        options.model = .persistence
        let forced = try Trainer.train(records: records, featuresPath: "f", featuresSHA256: "0", options: options)
        #expect(forced.file.modelKind == "persistence" && forced.file.trees.count == 0)
        #expect(forced.file.testPredictions.map(\.predicted) == records[96...].map(\.revenue))
        #expect(forced.file.metrics.testCoverage != nil && forced.file.interval != nil)
    }

    @Test func everyCandidate_IsIdenticalWhateverTheJobs() throws {
        for candidate in Candidate.allCases {
            var options = TrainingOptions(backtestFolds: 3, model: candidate)
            options.parameters.treeCount = 6
            let records = Fixtures.records(days: 100)
            options.jobs = 1
            let one = try Trainer.train(records: records, featuresPath: "f", featuresSHA256: "0", options: options)
            options.jobs = 4
            let four = try Trainer.train(records: records, featuresPath: "f", featuresSHA256: "0", options: options)
            #expect(one.file == four.file, "\(candidate)")
        }
    }

    @Test func withoutBacktest_AutoMeansTheLevelForest() throws {
        var options = TrainingOptions(backtestFolds: 0)
        options.parameters.treeCount = 5
        let result = try Trainer.train(records: Fixtures.records(days: 60), featuresPath: "f", featuresSHA256: "0", options: options)
        #expect(result.file.modelKind == "forest")
        #expect(result.file.metrics.candidates == nil && result.file.metrics.backtest == nil)
        #expect(result.file.interval?.calibrationSize == result.file.training.testRows)
    }
}
