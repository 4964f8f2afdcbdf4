import Forest
import ForecastData

/// One fit on a block of rows scored on the following block, with every baseline on the same
/// rows: the unit both the main split and each backtest fold are made of.
struct Evaluation {
    let forest: RandomForestRegressor
    let predictions: [Double]
    let model: RegressionMetrics
    let baselines: [String: RegressionMetrics]

    static func run(
        records: [DailyRecord], featureSet: FeatureSet, trainRange: Range<Int>, testRange: Range<Int>,
        parameters: ForestParameters, jobs: Int, outOfBag: Bool
    ) throws -> Evaluation {
        // Features of row i only look at days up to i, so computing them over all records
        // leaks nothing from the test rows into the training rows.
        let matrix = try featureSet.matrix(for: records)
        let labels = records.map(\.label)
        let forest = try RandomForestRegressor.fit(
            features: matrix.rows(trainRange), targets: Array(labels[trainRange]), parameters: parameters,
            jobs: jobs, outOfBag: outOfBag
        )
        let (predictions, actual, baselines) = PhaseTimings.measure("score") {
            let predictions = forest.predict(matrix.rows(testRange), jobs: jobs)
            let actual = Array(labels[testRange])
            var baselines: [String: RegressionMetrics] = [:]
            for baseline in Baseline.allCases {
                let guesses = baseline.predictions(records: records, trainRange: trainRange, testRange: testRange)
                baselines[baseline.rawValue] = RegressionMetrics(actual: actual, predicted: guesses)
            }
            return (predictions, actual, baselines)
        }
        return Evaluation(
            forest: forest, predictions: predictions, model: RegressionMetrics(actual: actual, predicted: predictions),
            baselines: baselines
        )
    }
}
