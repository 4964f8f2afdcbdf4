import Forest
import ForecastData

/// Compares the candidates in a rolling-origin backtest, refits the chosen one on the first
/// rows of a features file, scores it on the last rows beside the baselines, calibrates its
/// interval and prepares the model file (SPEC.md `forecast train`: temporal split, never
/// shuffled; issue 9). The registry fills in the version and time when it stores the file.
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

        let series = try DailySeries(records: records)
        let other = FeatureSet.allCases.first { $0 != options.featureSet }
        let backtest = options.folds(testRows: testCount) > 0 ? try Backtest.run(series: series, options: options, otherFeatureSet: other) : nil
        let selected = options.model ?? backtest?.best ?? .forest
        let blendParts = backtest.map { ($0.bestForest, $0.bestRule) } ?? (Candidate.forest, RuleModel.Kind.seasonalNaive)

        let forecaster = try series.fit(
            selected, range: trainRange, featureSet: options.featureSet, parameters: options.parameters,
            jobs: options.jobs, blendParts: blendParts, outOfBag: true
        )
        let predictions = series.forecasts(forecaster, range: testRange, jobs: options.jobs)
        let actual = Array(series.labels[testRange])
        // Out-of-sample errors calibrate the interval: the backtest's when there is one, else the
        // test days' own (then the coverage reported on them is in-sample; README says so).
        let calibration = backtest?.outOfSample(selected) ?? (actual: actual, predicted: predictions)
        let interval = ConformalInterval.calibrate(actual: calibration.actual, predicted: calibration.predicted)

        var metrics = ModelMetrics(
            test: RegressionMetrics(actual: actual, predicted: predictions),
            baselines: baselines(series: series, trainRange: trainRange, testRange: testRange),
            oobR2: forecaster.forest?.outOfBagR2, featureImportances: importances(of: forecaster),
            backtest: backtest.map { summary(of: $0, selected: selected) },
            otherFeatureSet: try other.map {
                try otherScore($0, series: series, options: options, trainRange: trainRange, testRange: testRange,
                               backtest: backtest)
            }
        )
        metrics.selected = selected.rawValue
        metrics.candidates = backtest.map(scores(of:))
        metrics.testCoverage = interval?.coverage(actual: actual, predicted: predictions)

        let testPredictions = testRange.enumerated().map { offset, index in
            TestPrediction(date: records[index].day.iso, actual: records[index].label, predicted: predictions[offset])
        }
        let training = TrainingInfo(
            featuresPath: featuresPath, featuresSHA256: featuresSHA256, trainRows: trainCount, testRows: testCount,
            trainFirstDay: records[0].day.iso, trainLastDay: records[trainCount - 1].day.iso,
            testFirstDay: records[trainCount].day.iso, testLastDay: records[records.count - 1].day.iso
        )
        var hyperparameters = Hyperparameters(options.parameters)
        if forecaster.forest == nil { hyperparameters.nEstimators = 0 }  // a rule has no trees
        var file = ModelFile(
            modelVersion: "", createdAt: "", featureSet: options.featureSet, hyperparameters: hyperparameters,
            training: training, metrics: metrics, testPredictions: testPredictions,
            history: servingHistory(records: records, forecaster: forecaster),
            trees: forecaster.forest.map(PackedTrees.init(forest:)) ?? .none
        )
        (file.featureSet, file.featureNames) = forecaster.features
        file.modelKind = selected.rawValue
        file.rule = forecaster.rule
        file.interval = interval
        return TrainingResult(file: file, forecaster: forecaster)
    }
}

extension Trainer {
    /// The revenue of the last days, which every model but the basic forest computes its inputs
    /// from at serving time.
    static func servingHistory(records: [DailyRecord], forecaster: Forecaster) -> ServingHistory {
        if case .levels(.basic, _) = forecaster { return ServingHistory(lastDay: nil, revenue: []) }
        return ServingHistory(
            lastDay: records.last?.day.iso, revenue: Array(records.suffix(RecentRevenue.daysNeeded).map(\.revenue))
        )
    }

    /// Impurity importance per feature name (empty for a rule).
    static func importances(of forecaster: Forecaster) -> [String: Double] {
        guard let forest = forecaster.forest else { return [:] }
        var importances: [String: Double] = [:]
        for (index, name) in forecaster.features.names.enumerated() { importances[name] = forest.featureImportances[index] }
        return importances
    }

    /// SPEC.md's baselines on the test rows.
    static func baselines(series: DailySeries, trainRange: Range<Int>, testRange: Range<Int>) -> [String: RegressionMetrics] {
        let actual = Array(series.labels[testRange])
        var baselines: [String: RegressionMetrics] = [:]
        for baseline in Baseline.allCases {
            let guesses = baseline.predictions(records: series.records, trainRange: trainRange, testRange: testRange)
            baselines[baseline.rawValue] = RegressionMetrics(actual: actual, predicted: guesses)
        }
        return baselines
    }

    /// The other feature set's level forest on the same split and backtest, so users see whether
    /// it would do better (issue 3: report extended beside basic).
    static func otherScore(
        _ set: FeatureSet, series: DailySeries, options: TrainingOptions, trainRange: Range<Int>, testRange: Range<Int>,
        backtest: Backtest?
    ) throws -> FeatureSetScore {
        let fitted = try series.fit(.forest, range: trainRange, featureSet: set, parameters: options.parameters, jobs: options.jobs)
        let test = RegressionMetrics(actual: Array(series.labels[testRange]),
                                     predicted: series.forecasts(fitted, range: testRange, jobs: options.jobs))
        let backtestMean = backtest.flatMap { run in
            run.otherFeatureSet.map { folds in
                Backtest.mean(zip(run.actual, folds).map { RegressionMetrics(actual: $0, predicted: $1) })
            }
        }
        return FeatureSetScore(featureSet: set.rawValue, test: test, backtestMean: backtestMean)
    }

    /// The backtest as the model file stores it: per fold and on average, every candidate by
    /// name, the training-mean baseline, and `model` (the selected candidate, as before issue 9).
    static func summary(of backtest: Backtest, selected: Candidate) -> BacktestSummary {
        let perCandidate = Dictionary(uniqueKeysWithValues: Candidate.allCases.map { ($0, backtest.foldMetrics($0)) })
        let folds = backtest.ranges.enumerated().map { fold, range in
            var metrics: [String: RegressionMetrics] = [:]
            for candidate in Candidate.allCases { metrics[candidate.rawValue] = perCandidate[candidate]![fold] }
            metrics["model"] = perCandidate[selected]![fold]
            let trainMean = Array(repeating: backtest.trainMeans[fold], count: range.count)
            metrics[Baseline.trainMean.rawValue] = RegressionMetrics(actual: backtest.actual[fold], predicted: trainMean)
            return BacktestFold(
                trainRows: range.lowerBound, testFirstDay: backtest.days[fold].first, testLastDay: backtest.days[fold].last,
                metrics: metrics
            )
        }
        var mean: [String: RegressionMetrics] = [:]
        for name in folds[0].metrics.keys { mean[name] = Backtest.mean(folds.compactMap { $0.metrics[name] }) }
        return BacktestSummary(folds: folds, mean: mean)
    }

    /// Each candidate's backtest score and interval.
    static func scores(of backtest: Backtest) -> [String: CandidateScore] {
        let won = backtest.foldsWon
        var scores: [String: CandidateScore] = [:]
        for candidate in Candidate.allCases {
            let sample = backtest.outOfSample(candidate)
            scores[candidate.rawValue] = CandidateScore(
                backtest: backtest.meanMetrics(candidate), foldsWon: won[candidate] ?? 0,
                relativeHalfWidth: ConformalInterval.calibrate(actual: sample.actual, predicted: sample.predicted)?.relativeHalfWidth,
                backtestCoverage: backtest.sequentialCoverage(candidate, coverage: ConformalInterval.defaultCoverage)
            )
        }
        return scores
    }
}

/// A trained, evaluated model not yet registered.
public struct TrainingResult: Sendable {
    /// The model file without version or creation time (the registry sets them).
    public let file: ModelFile
    /// The fitted candidate the file holds.
    public let forecaster: Forecaster

    /// The forest inside, if the candidate has one.
    public var forest: RandomForestRegressor? { forecaster.forest }
}
