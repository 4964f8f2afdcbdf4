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
    /// The candidate registered (issue 9); nil in files from before candidates existed.
    public var selected: String?
    /// Every candidate's backtest score, by name (nil without a backtest or in older files).
    public var candidates: [String: CandidateScore]?
    /// Share of the test days whose outcome fell inside the stored calibrated interval.
    public var testCoverage: Double?

    enum CodingKeys: String, CodingKey {
        case test, baselines
        case oobR2 = "oob_r2"
        case featureImportances = "feature_importances"
        case backtest
        case otherFeatureSet = "other_feature_set"
        case selected, candidates
        case testCoverage = "test_coverage"
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
        // Absent rather than null when unset: files written before these fields existed must
        // re-encode to the same bytes, or their metadata checksum would no longer match.
        try container.encodeIfPresent(selected, forKey: .selected)
        try container.encodeIfPresent(candidates, forKey: .candidates)
        try container.encodeIfPresent(testCoverage, forKey: .testCoverage)
    }
}

/// How one candidate did in the backtest (issue 9 §1–2).
public struct CandidateScore: Sendable, Equatable, Codable {
    /// Mean over the folds.
    public var backtest: RegressionMetrics
    /// Folds on which it had the lowest MAE of all candidates.
    public var foldsWon: Int
    /// Its calibrated interval's half-width q (value × (1 ± q)), from its out-of-sample errors.
    public var relativeHalfWidth: Double?
    /// Coverage of folds 2…K with the interval calibrated on the earlier folds only.
    public var backtestCoverage: Double?

    enum CodingKeys: String, CodingKey {
        case backtest
        case foldsWon = "folds_won"
        case relativeHalfWidth = "relative_half_width"
        case backtestCoverage = "backtest_coverage"
    }

    /// A candidate's scores.
    public init(backtest: RegressionMetrics, foldsWon: Int, relativeHalfWidth: Double?, backtestCoverage: Double?) {
        self.backtest = backtest
        self.foldsWon = foldsWon
        self.relativeHalfWidth = relativeHalfWidth
        self.backtestCoverage = backtestCoverage
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
