import Forest

/// The figures `forecast train` measured, stored with the model.
public struct ModelMetrics: Sendable, Equatable, Codable {
    /// The model on the test rows.
    public var test: RegressionMetrics
    /// Baselines on the same test rows, by name: `persistence`, `train_mean`, `moving_average_7d`.
    public var baselines: [String: RegressionMetrics]
    /// Out-of-bag R² on the training rows (nil when no row was ever out of bag).
    public var oobR2: Double?
    /// Impurity-based importance per feature name, summing to 1.
    public var featureImportances: [String: Double]
    /// The rolling-origin backtest, when one was run.
    public var backtest: BacktestSummary?
    /// The other feature set fitted on the same split (and backtest), for comparison; it is not
    /// part of the registered model.
    public var otherFeatureSet: FeatureSetScore?

    enum CodingKeys: String, CodingKey {
        case test, baselines
        case oobR2 = "oob_r2"
        case featureImportances = "feature_importances"
        case backtest
        case otherFeatureSet = "other_feature_set"
    }

    /// Metrics from their parts.
    public init(
        test: RegressionMetrics, baselines: [String: RegressionMetrics], oobR2: Double?,
        featureImportances: [String: Double], backtest: BacktestSummary?, otherFeatureSet: FeatureSetScore? = nil
    ) {
        self.test = test
        self.baselines = baselines
        self.oobR2 = oobR2
        self.featureImportances = featureImportances
        self.backtest = backtest
        self.otherFeatureSet = otherFeatureSet
    }

    /// Encodes optional fields as explicit `null`s so readers see them.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(test, forKey: .test)
        try container.encode(baselines, forKey: .baselines)
        try container.encode(oobR2, forKey: .oobR2)
        try container.encode(featureImportances, forKey: .featureImportances)
        try container.encode(backtest, forKey: .backtest)
        try container.encode(otherFeatureSet, forKey: .otherFeatureSet)
    }
}

/// How a forest on another feature set scored on the same rows.
public struct FeatureSetScore: Sendable, Equatable, Codable {
    public var featureSet: String
    public var test: RegressionMetrics
    /// Mean over the same backtest folds, when a backtest was run.
    public var backtestMean: RegressionMetrics?

    enum CodingKeys: String, CodingKey {
        case featureSet = "feature_set", test
        case backtestMean = "backtest_mean"
    }

    /// The other feature set's scores.
    public init(featureSet: String, test: RegressionMetrics, backtestMean: RegressionMetrics?) {
        self.featureSet = featureSet
        self.test = test
        self.backtestMean = backtestMean
    }

    /// Encodes optional fields as explicit `null`s so readers see them.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(featureSet, forKey: .featureSet)
        try container.encode(test, forKey: .test)
        try container.encode(backtestMean, forKey: .backtestMean)
    }
}

/// A rolling-origin backtest: K cut-offs, a refit at each, the next block of days as the test.
public struct BacktestSummary: Sendable, Equatable, Codable {
    public var folds: [BacktestFold]
    /// Per model/baseline name, the mean of the folds' metrics.
    public var mean: [String: RegressionMetrics]

    /// A backtest from its folds and their per-name means.
    public init(folds: [BacktestFold], mean: [String: RegressionMetrics]) {
        self.folds = folds
        self.mean = mean
    }
}

/// One backtest fold.
public struct BacktestFold: Sendable, Equatable, Codable {
    public var trainRows: Int
    public var testFirstDay: String
    public var testLastDay: String
    /// Metrics by name: `model` and each baseline.
    public var metrics: [String: RegressionMetrics]

    enum CodingKeys: String, CodingKey {
        case trainRows = "train_rows"
        case testFirstDay = "test_first_day"
        case testLastDay = "test_last_day"
        case metrics
    }

    /// One fold's rows, dates and metrics.
    public init(trainRows: Int, testFirstDay: String, testLastDay: String, metrics: [String: RegressionMetrics]) {
        self.trainRows = trainRows
        self.testFirstDay = testFirstDay
        self.testLastDay = testLastDay
        self.metrics = metrics
    }
}
