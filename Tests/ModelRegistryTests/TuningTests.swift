import Forest
import Synchronization
import Testing
@testable import ModelRegistry

/// The search: seeded distinct draws starting from the defaults, each scored by the same
/// backtest `train --backtest` runs, sorted by MAE, the same for every number of jobs.
@Suite struct TuningTests {
    @Test func draw_StartsWithTheBase_ThenDistinctSettingsFromTheGrids() {
        let base = ForestParameters()
        let settings = TuningSpace.draw(count: 40, seed: 7, base: base)
        #expect(settings.count == 40)
        #expect(settings[0] == base)
        #expect(Set(settings.map { "\($0)" }).count == 40)
        for setting in settings.dropFirst() {
            #expect(TuningSpace.treeCounts.contains(setting.treeCount))
            #expect(TuningSpace.maxDepths.contains(setting.maxDepth))
            #expect(TuningSpace.minSamplesLeaves.contains(setting.minSamplesLeaf))
            #expect(TuningSpace.maxFeatures.contains(setting.maxFeatures))
            #expect(setting.seed == base.seed && setting.bootstrap == base.bootstrap)
        }
        #expect(TuningSpace.draw(count: 40, seed: 7, base: base) == settings)
        #expect(TuningSpace.draw(count: 40, seed: 8, base: base) != settings)
        #expect(TuningSpace.draw(count: TuningSpace.size + 5, seed: 1, base: base).count == TuningSpace.size)
    }

    @Test func run_ScoresEachTrialWithTheBacktest_BestFirst_WhateverTheJobs() throws {
        let records = Fixtures.records(days: 70)
        var training = TrainingOptions(featureSet: .extended, backtestFolds: 2)
        training.parameters.treeCount = 10
        let one = try Tuning.run(records: records, options: Tuning.Options(trials: 4, seed: 3, jobs: 1, training: training))
        let two = try Tuning.run(records: records, options: Tuning.Options(trials: 4, seed: 3, jobs: 2, training: training))
        #expect(one.trials.count == 4)
        #expect(one.trials.map(\.number) == two.trials.map(\.number))
        #expect(one.trials.map(\.backtest) == two.trials.map(\.backtest))
        #expect(zip(one.trials, one.trials.dropFirst()).allSatisfy { $0.backtest.mae <= $1.backtest.mae })
        #expect(Set(one.trials.map(\.number)) == [1, 2, 3, 4])

        // Trial 1 is the given parameters, scored exactly as train's backtest scores them.
        let defaults = try #require(one.defaults)
        #expect(defaults.parameters == training.parameters)
        let backtest = try Backtest.run(records: records, options: training, featureSet: .extended)
        #expect(defaults.backtest == backtest.mean["model"])
        #expect(one.baselines["persistence"] == backtest.mean["persistence"])
        #expect(one.testRows == Trainer.testRowCount(rows: 70, fraction: 0.2))
    }

    @Test func run_ReportsProgressAfterEveryTrial() throws {
        var training = TrainingOptions(featureSet: .basic, backtestFolds: 2)
        training.parameters.treeCount = 5
        let seen = Mutex<[Int]>([])
        _ = try Tuning.run(
            records: Fixtures.records(days: 50), options: Tuning.Options(trials: 3, seed: 1, jobs: 2, training: training)
        ) { done, total, _ in
            #expect(total == 3)
            seen.withLock { $0.append(done) }
        }
        #expect(seen.withLock { $0.sorted() } == [1, 2, 3])
    }

    @Test func run_WithTooManyFolds_FailsWithTheFix() {
        let training = TrainingOptions(featureSet: .basic, backtestFolds: 50, backtestIsExact: true)
        #expect(throws: TrainingError.self) {
            try Tuning.run(records: Fixtures.records(days: 40), options: Tuning.Options(trials: 2, seed: 1, jobs: 1, training: training))
        }
    }
}
