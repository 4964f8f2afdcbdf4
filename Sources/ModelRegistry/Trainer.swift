import Forest
import ForecastData

/// Fits a forest on the first rows of a features file, scores it on the last rows beside the
/// baselines, and prepares the model file (SPEC.md `forecast train`: temporal split, never
/// shuffled). The registry fills in the version and time when it stores the file.
public enum Trainer {
    /// The number of test rows for `rowCount` rows: `ceil(fraction × rows)`, as scikit-learn's
    /// `train_test_split` rounds, and at least 2 so that R² is defined.
    public static func testRowCount(rows: Int, fraction: Double) -> Int {
        max(2, Int((Double(rows) * fraction).rounded(.up)))
    }

    /// Trains and evaluates; `featuresPath` and `featuresSHA256` are recorded in the file.
    public static func train(
        records: [DailyRecord], featuresPath: String, featuresSHA256: String, options: TrainingOptions
    ) throws -> TrainingResult {
        guard options.testFraction > 0, options.testFraction < 1 else {
            throw TrainingError.badSplit("--test-fraction must be between 0 and 1 (exclusive), got \(options.testFraction)")
        }
        let testCount = testRowCount(rows: records.count, fraction: options.testFraction)
        let trainCount = records.count - testCount
        guard trainCount >= 2 else { throw TrainingError.tooFewRows(rows: records.count, needed: testCount + 2) }
        let trainRange = 0..<trainCount, testRange = trainCount..<records.count

        let evaluation = try Evaluation.run(
            records: records, featureSet: options.featureSet, trainRange: trainRange, testRange: testRange,
            parameters: options.parameters, jobs: options.jobs, outOfBag: true
        )
        let backtest = options.backtestFolds > 0
            ? try PhaseTimings.measure("backtest") {
                try Backtest.run(records: records, options: options, featureSet: options.featureSet)
            } : nil
        let other = try PhaseTimings.measure("other_feature_set") {
            try otherScore(records: records, options: options, trainRange: trainRange, testRange: testRange)
        }

        var importances: [String: Double] = [:]
        for (index, name) in options.featureSet.featureNames.enumerated() {
            importances[name] = evaluation.forest.featureImportances[index]
        }
        let metrics = ModelMetrics(
            test: evaluation.model, baselines: evaluation.baselines, oobR2: evaluation.forest.outOfBagR2,
            featureImportances: importances, backtest: backtest, otherFeatureSet: other
        )
        let testPredictions = testRange.enumerated().map { offset, index in
            TestPrediction(
                date: records[index].day.iso, actual: records[index].label, predicted: evaluation.predictions[offset]
            )
        }
        let history: ServingHistory = options.featureSet == .extended
            ? ServingHistory(
                lastDay: records.last?.day.iso,
                revenue: Array(records.suffix(FeatureSet.historyLength).map(\.revenue))
            )
            : ServingHistory(lastDay: nil, revenue: [])
        let training = TrainingInfo(
            featuresPath: featuresPath, featuresSHA256: featuresSHA256, trainRows: trainCount, testRows: testCount,
            trainFirstDay: records[0].day.iso, trainLastDay: records[trainCount - 1].day.iso,
            testFirstDay: records[trainCount].day.iso, testLastDay: records[records.count - 1].day.iso
        )
        let file = ModelFile(
            modelVersion: "", createdAt: "", featureSet: options.featureSet,
            hyperparameters: Hyperparameters(options.parameters), training: training, metrics: metrics,
            testPredictions: testPredictions, history: history, trees: PackedTrees(forest: evaluation.forest)
        )
        return TrainingResult(file: file, forest: evaluation.forest)
    }
}

extension Trainer {
    /// The other feature set on the same split and backtest, so users see whether it would do
    /// better (issue 3: report extended beside basic).
    static func otherScore(
        records: [DailyRecord], options: TrainingOptions, trainRange: Range<Int>, testRange: Range<Int>
    ) throws -> FeatureSetScore? {
        guard let other = FeatureSet.allCases.first(where: { $0 != options.featureSet }) else { return nil }
        let evaluation = try Evaluation.run(
            records: records, featureSet: other, trainRange: trainRange, testRange: testRange,
            parameters: options.parameters, jobs: options.jobs, outOfBag: false
        )
        let backtest = options.backtestFolds > 0
            ? try Backtest.run(records: records, options: options, featureSet: other) : nil
        return FeatureSetScore(featureSet: other.rawValue, test: evaluation.model, backtestMean: backtest?.mean["model"])
    }
}

/// A trained, evaluated model not yet registered.
public struct TrainingResult: Sendable {
    /// The model file without version or creation time (the registry sets them).
    public let file: ModelFile
    public let forest: RandomForestRegressor
}
