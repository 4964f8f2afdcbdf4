import Forest
import ForecastData

/// Rolling-origin backtest of every candidate (issue 9 §1): the last `testFraction` of the rows
/// is cut into K consecutive blocks; fold k refits each forest on every row before block k
/// (an expanding window) and every candidate forecasts block k. The fold refits run in
/// parallel; each is the same for any thread count, so the backtest is too.
///
/// The forecasts are out of sample, so besides choosing the candidate they calibrate its
/// interval (`ConformalInterval`).
struct Backtest {
    /// Rows of each fold's test block.
    let ranges: [Range<Int>]
    /// First and last day (`YYYY-MM-DD`) of each fold's test block.
    let days: [(first: String, last: String)]
    /// Mean label of each fold's training rows (the `train_mean` baseline).
    let trainMeans: [Double]
    /// Outcomes of each fold's test block.
    let actual: [[Double]]
    /// Each candidate's forecasts, one array per fold.
    let forecasts: [Candidate: [[Double]]]
    /// The other feature set's level forest, per fold (for the report only).
    let otherFeatureSet: [[Double]]?
    /// The forest and the rule the blend combines: the best of each by mean MAE.
    let bestForest: Candidate
    let bestRule: RuleModel.Kind

    static func run(series: DailySeries, options: TrainingOptions, otherFeatureSet: FeatureSet?) throws -> Backtest {
        let testCount = Trainer.testRowCount(rows: series.records.count, fraction: options.testFraction)
        let ranges = try foldRanges(rows: series.records.count, testCount: testCount, folds: options.folds(testRows: testCount))

        // Every (fold, forest) refit is one job; seeds are fixed by the options, not the thread.
        let forestJobs: [(fold: Int, candidate: Candidate, set: FeatureSet)] = ranges.indices.flatMap { fold in
            [(fold, Candidate.forest, options.featureSet), (fold, .forestScaleFree, options.featureSet)]
                + (otherFeatureSet.map { [(fold, Candidate.forest, $0)] } ?? [])
        }
        let forestForecasts = try ParallelWork.map(count: forestJobs.count, jobs: options.jobs) { index in
            let job = forestJobs[index], range = ranges[job.fold]
            let fitted = try series.fit(job.candidate, range: 0..<range.lowerBound, featureSet: job.set,
                                        parameters: options.parameters, jobs: 1)
            return series.forecasts(fitted, range: range, jobs: 1)
        }
        var forecasts: [Candidate: [[Double]]] = [:]
        var other: [[Double]] = []
        for (index, job) in forestJobs.enumerated() {
            if job.set != options.featureSet {
                other.append(forestForecasts[index])
            } else {
                forecasts[job.candidate, default: []].append(forestForecasts[index])
            }
        }
        for candidate in Candidate.rules {
            let rule = RuleModel(candidate.rule!)
            forecasts[candidate] = ranges.map { rule.forecasts(revenues: series.revenues, range: $0) }
        }
        let actual = ranges.map { Array(series.labels[$0]) }

        func meanMAE(_ candidate: Candidate) -> Double {
            mean(zip(actual, forecasts[candidate]!).map { RegressionMetrics(actual: $0, predicted: $1) }).mae
        }
        // Ties go to the earlier candidate in report order.
        let bestForest = Candidate.forests.min { meanMAE($0) < meanMAE($1) }!
        let bestRule = Candidate.rules.min { meanMAE($0) < meanMAE($1) }!
        forecasts[.blend] = zip(forecasts[bestForest]!, forecasts[bestRule]!).map { forestFold, ruleFold in
            zip(forestFold, ruleFold).map { Forecaster.blendWeight * $0 + (1 - Forecaster.blendWeight) * $1 }
        }
        return Backtest(
            ranges: ranges,
            days: ranges.map { (series.records[$0.lowerBound].day.iso, series.records[$0.upperBound - 1].day.iso) },
            trainMeans: ranges.map { series.labels[..<$0.lowerBound].reduce(0, +) / Double(max(1, $0.lowerBound)) },
            actual: actual, forecasts: forecasts, otherFeatureSet: otherFeatureSet == nil ? nil : other,
            bestForest: bestForest, bestRule: bestRule.rule!
        )
    }

    /// `candidate`'s metrics on each fold.
    func foldMetrics(_ candidate: Candidate) -> [RegressionMetrics] {
        zip(actual, forecasts[candidate]!).map { RegressionMetrics(actual: $0, predicted: $1) }
    }

    /// `candidate`'s metrics averaged over the folds.
    func meanMetrics(_ candidate: Candidate) -> RegressionMetrics {
        Backtest.mean(foldMetrics(candidate))
    }

    /// The candidate with the lowest mean MAE (ties: the earlier in report order).
    var best: Candidate {
        Candidate.allCases.min { meanMetrics($0).mae < meanMetrics($1).mae }!
    }

    /// On how many folds each candidate had the lowest MAE of all candidates (ties: the earlier).
    var foldsWon: [Candidate: Int] {
        var won = Dictionary(uniqueKeysWithValues: Candidate.allCases.map { ($0, 0) })
        let perCandidate = Dictionary(uniqueKeysWithValues: Candidate.allCases.map { ($0, foldMetrics($0)) })
        for fold in ranges.indices {
            let winner = Candidate.allCases.min { perCandidate[$0]![fold].mae < perCandidate[$1]![fold].mae }!
            won[winner, default: 0] += 1
        }
        return won
    }

    /// Every out-of-sample forecast of `candidate` with its outcome, folds in order.
    func outOfSample(_ candidate: Candidate) -> (actual: [Double], predicted: [Double]) {
        (actual.flatMap { $0 }, forecasts[candidate]!.flatMap { $0 })
    }

    /// An honest check of the calibration: fold k's coverage with the interval calibrated on
    /// folds before k only, pooled over folds 2…K (nil with one fold).
    func sequentialCoverage(_ candidate: Candidate, coverage: Double) -> Double? {
        guard ranges.count >= 2 else { return nil }
        var inside = 0.0, total = 0
        for fold in 1..<ranges.count {
            let earlierActual = actual[..<fold].flatMap { $0 }
            let earlierForecasts = forecasts[candidate]![..<fold].flatMap { $0 }
            guard let interval = ConformalInterval.calibrate(
                actual: earlierActual, predicted: earlierForecasts, coverage: coverage
            ), let share = interval.coverage(actual: actual[fold], predicted: forecasts[candidate]![fold]) else { continue }
            inside += share * Double(actual[fold].count)
            total += actual[fold].count
        }
        return total > 0 ? inside / Double(total) : nil
    }

    /// The mean of per-fold metrics.
    static func mean(_ values: [RegressionMetrics]) -> RegressionMetrics {
        let count = Double(values.count)
        return RegressionMetrics(
            mae: values.reduce(0) { $0 + $1.mae } / count, rmse: values.reduce(0) { $0 + $1.rmse } / count,
            r2: values.reduce(0) { $0 + $1.r2 } / count
        )
    }
}

extension Backtest {
    /// The level forest alone on `featureSet`, through the same folds, with the rules and the
    /// training mean beside it (`model` and each baseline by name): what a hyperparameter search
    /// scores a setting with, without fitting the other candidates.
    static func run(records: [DailyRecord], options: TrainingOptions, featureSet: FeatureSet) throws -> BacktestSummary {
        let series = try DailySeries(records: records)
        let testCount = Trainer.testRowCount(rows: records.count, fraction: options.testFraction)
        let ranges = try foldRanges(rows: records.count, testCount: testCount, folds: options.folds(testRows: testCount))
        let forecasts = try ParallelWork.map(count: ranges.count, jobs: options.jobs) { fold in
            let fitted = try series.fit(.forest, range: 0..<ranges[fold].lowerBound, featureSet: featureSet,
                                        parameters: options.parameters, jobs: 1)
            return series.forecasts(fitted, range: ranges[fold], jobs: 1)
        }
        let folds = ranges.enumerated().map { fold, range in
            let actual = Array(series.labels[range])
            var metrics = ["model": RegressionMetrics(actual: actual, predicted: forecasts[fold])]
            for baseline in Baseline.allCases {
                let guesses = baseline.predictions(records: records, trainRange: 0..<range.lowerBound, testRange: range)
                metrics[baseline.rawValue] = RegressionMetrics(actual: actual, predicted: guesses)
            }
            metrics[Candidate.seasonalNaive.rawValue] = RegressionMetrics(
                actual: actual, predicted: RuleModel(.seasonalNaive).forecasts(revenues: series.revenues, range: range)
            )
            return BacktestFold(
                trainRows: range.lowerBound, testFirstDay: records[range.lowerBound].day.iso,
                testLastDay: records[range.upperBound - 1].day.iso, metrics: metrics
            )
        }
        var mean: [String: RegressionMetrics] = [:]
        for name in folds[0].metrics.keys { mean[name] = Backtest.mean(folds.compactMap { $0.metrics[name] }) }
        return BacktestSummary(folds: folds, mean: mean)
    }

    /// Fold k's test rows: the last `testCount` rows cut into `folds` consecutive blocks, the
    /// last absorbing the remainder so the folds cover the whole test region.
    static func foldRanges(rows: Int, testCount: Int, folds: Int) throws -> [Range<Int>] {
        let blockSize = folds > 0 ? testCount / folds : 0
        guard blockSize >= 2 else {
            throw TrainingError.badSplit(
                "--backtest \(folds) cuts \(testCount) test rows into blocks of \(blockSize); use at most \(testCount / 2) folds or a larger --test-fraction"
            )
        }
        return (0..<folds).map { fold in
            let start = rows - testCount + fold * blockSize
            return start..<(fold == folds - 1 ? rows : start + blockSize)
        }
    }
}
