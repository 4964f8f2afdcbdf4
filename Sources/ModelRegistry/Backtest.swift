import Forest
import ForecastData

/// Rolling-origin backtest: the last `testFraction` of the rows is cut into K consecutive
/// blocks; fold k refits on every row before block k and is scored on block k. Averaging the
/// folds shows whether the model's edge over the baselines holds over time rather than on one
/// lucky test window.
enum Backtest {
    static func run(records: [DailyRecord], options: TrainingOptions, featureSet: FeatureSet) throws -> BacktestSummary {
        let folds = options.backtestFolds
        let testCount = Trainer.testRowCount(rows: records.count, fraction: options.testFraction)
        let blockSize = testCount / folds
        guard blockSize >= 2 else {
            throw TrainingError.badSplit(
                "--backtest \(folds) cuts \(testCount) test rows into blocks of \(blockSize); use at most \(testCount / 2) folds or a larger --test-fraction"
            )
        }
        var results: [BacktestFold] = []
        for fold in 0..<folds {
            // The last block absorbs the remainder so the folds cover the whole test region.
            let start = records.count - testCount + fold * blockSize
            let end = fold == folds - 1 ? records.count : start + blockSize
            let evaluation = try Evaluation.run(
                records: records, featureSet: featureSet, trainRange: 0..<start, testRange: start..<end,
                parameters: options.parameters, jobs: options.jobs, outOfBag: false
            )
            var metrics = evaluation.baselines
            metrics["model"] = evaluation.model
            results.append(BacktestFold(
                trainRows: start, testFirstDay: records[start].day.iso, testLastDay: records[end - 1].day.iso,
                metrics: metrics
            ))
        }
        var mean: [String: RegressionMetrics] = [:]
        for name in results[0].metrics.keys {
            let values = results.compactMap { $0.metrics[name] }
            let count = Double(values.count)
            mean[name] = RegressionMetrics(
                mae: values.reduce(0) { $0 + $1.mae } / count, rmse: values.reduce(0) { $0 + $1.rmse } / count,
                r2: values.reduce(0) { $0 + $1.r2 } / count
            )
        }
        return BacktestSummary(folds: results, mean: mean)
    }
}
