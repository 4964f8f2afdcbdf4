import Forest

/// The model file, `models/versions/<version>.json`: everything needed to serve, explain and
/// audit one trained model. Wire names (snake_case) live only in the `CodingKeys`.
///
/// Integrity: `trees.sha256` covers the packed trees and `metadata_sha256` covers every other
/// field (its canonical JSON), so a damaged or hand-edited file is refused on load.
public struct ModelFile: Sendable, Equatable, Codable {
    /// The format this build writes and the newest it reads.
    public static let currentFormatVersion = 1
    /// Marker naming the kind of file.
    public static let formatName = "revenueforecast-model"

    public var format: String
    public var formatVersion: Int
    public var modelVersion: String
    /// ISO 8601 UTC, seconds precision, e.g. `2026-11-22T10:15:30Z`.
    public var createdAt: String
    public var featureSet: String
    public var featureNames: [String]
    public var hyperparameters: Hyperparameters
    public var training: TrainingInfo
    public var metrics: ModelMetrics
    /// The test days: what the model predicted and what happened (for monitoring charts).
    public var testPredictions: [TestPrediction]
    /// Recent history the extended features need at serving time (empty for `basic`).
    public var history: ServingHistory
    /// The candidate this file holds (`Candidate`): nil or `forest` for a forest on levels (all
    /// files written before issue 9), else a scale-free forest, a rule or a blend.
    public var modelKind: String?
    /// The rule of a rule or blend model.
    public var rule: RuleModel?
    /// The calibrated forecast interval; nil in older files, which serve the trees' spread.
    public var interval: ConformalInterval?
    public var metadataSHA256: String
    public var trees: PackedTrees

    enum CodingKeys: String, CodingKey {
        case format
        case formatVersion = "format_version"
        case modelVersion = "model_version"
        case createdAt = "created_at"
        case featureSet = "feature_set"
        case featureNames = "feature_names"
        case hyperparameters, training, metrics
        case testPredictions = "test_predictions"
        case history
        case modelKind = "model_kind"
        case rule, interval
        case metadataSHA256 = "metadata_sha256"
        case trees
    }

    /// Fields in the order a reader of the file meets them.
    public init(
        modelVersion: String, createdAt: String, featureSet: FeatureSet, hyperparameters: Hyperparameters,
        training: TrainingInfo, metrics: ModelMetrics, testPredictions: [TestPrediction], history: ServingHistory,
        trees: PackedTrees
    ) {
        format = ModelFile.formatName
        formatVersion = ModelFile.currentFormatVersion
        self.modelVersion = modelVersion
        self.createdAt = createdAt
        self.featureSet = featureSet.rawValue
        featureNames = featureSet.featureNames
        self.hyperparameters = hyperparameters
        self.training = training
        self.metrics = metrics
        self.testPredictions = testPredictions
        self.history = history
        metadataSHA256 = ""
        self.trees = trees
    }
}

/// Forest hyperparameters as stored (scikit-learn's names).
public struct Hyperparameters: Sendable, Equatable, Codable {
    public var nEstimators: Int
    public var seed: UInt64
    public var maxDepth: Int?
    public var minSamplesSplit: Int
    public var minSamplesLeaf: Int
    public var maxFeatures: Double
    public var bootstrap: Bool

    enum CodingKeys: String, CodingKey {
        case nEstimators = "n_estimators"
        case seed
        case maxDepth = "max_depth"
        case minSamplesSplit = "min_samples_split"
        case minSamplesLeaf = "min_samples_leaf"
        case maxFeatures = "max_features"
        case bootstrap
    }

    /// The stored form of `parameters`.
    public init(_ parameters: ForestParameters) {
        nEstimators = parameters.treeCount
        seed = parameters.seed
        maxDepth = parameters.maxDepth
        minSamplesSplit = parameters.minSamplesSplit
        minSamplesLeaf = parameters.minSamplesLeaf
        maxFeatures = parameters.maxFeatures
        bootstrap = parameters.bootstrap
    }

    /// Explicitly encodes `max_depth: null` so readers see "unlimited" rather than a gap.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(nEstimators, forKey: .nEstimators)
        try container.encode(seed, forKey: .seed)
        try container.encode(maxDepth, forKey: .maxDepth)
        try container.encode(minSamplesSplit, forKey: .minSamplesSplit)
        try container.encode(minSamplesLeaf, forKey: .minSamplesLeaf)
        try container.encode(maxFeatures, forKey: .maxFeatures)
        try container.encode(bootstrap, forKey: .bootstrap)
    }

    /// The forest parameters these describe.
    public var parameters: ForestParameters {
        ForestParameters(
            treeCount: nEstimators, seed: seed, maxDepth: maxDepth, minSamplesSplit: minSamplesSplit,
            minSamplesLeaf: minSamplesLeaf, maxFeatures: maxFeatures, bootstrap: bootstrap
        )
    }
}

/// What the model was trained on.
public struct TrainingInfo: Sendable, Equatable, Codable {
    /// The features file as given on the command line.
    public var featuresPath: String
    /// SHA-256 of the features file's bytes.
    public var featuresSHA256: String
    public var trainRows: Int
    public var testRows: Int
    /// First and last day of the training rows, `YYYY-MM-DD`.
    public var trainFirstDay: String
    public var trainLastDay: String
    /// First and last day of the test rows, `YYYY-MM-DD`.
    public var testFirstDay: String
    public var testLastDay: String

    enum CodingKeys: String, CodingKey {
        case featuresPath = "features_path"
        case featuresSHA256 = "features_sha256"
        case trainRows = "train_rows"
        case testRows = "test_rows"
        case trainFirstDay = "train_first_day"
        case trainLastDay = "train_last_day"
        case testFirstDay = "test_first_day"
        case testLastDay = "test_last_day"
    }

    /// Fields in the order a reader of the file meets them.
    public init(
        featuresPath: String, featuresSHA256: String, trainRows: Int, testRows: Int, trainFirstDay: String,
        trainLastDay: String, testFirstDay: String, testLastDay: String
    ) {
        self.featuresPath = featuresPath
        self.featuresSHA256 = featuresSHA256
        self.trainRows = trainRows
        self.testRows = testRows
        self.trainFirstDay = trainFirstDay
        self.trainLastDay = trainLastDay
        self.testFirstDay = testFirstDay
        self.testLastDay = testLastDay
    }
}

/// One test day: the day described by the features (`date`), the revenue of the next day
/// (`actual`) and the model's forecast of it (`predicted`).
public struct TestPrediction: Sendable, Equatable, Codable {
    public var date: String
    public var actual: Double
    public var predicted: Double

    /// One test day's forecast against what happened.
    public init(date: String, actual: Double, predicted: Double) {
        self.date = date
        self.actual = actual
        self.predicted = predicted
    }
}

/// The revenue of the last days of the features file, oldest first, ending on `lastDay`.
///
/// A request to the served model describes the day after `lastDay` (the most recent day of
/// sales, whose revenue the features file holds as its last label), so the extended features
/// can be computed from a request that carries only `ca_total` and `nb_commandes`.
public struct ServingHistory: Sendable, Equatable, Codable {
    public var lastDay: String?
    public var revenue: [Double]

    enum CodingKeys: String, CodingKey {
        case lastDay = "last_day"
        case revenue
    }

    /// History ending on `lastDay` (nil for a basic model, which needs none).
    public init(lastDay: String?, revenue: [Double]) {
        self.lastDay = lastDay
        self.revenue = revenue
    }

    /// Encodes optional fields as explicit `null`s so readers see them.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(lastDay, forKey: .lastDay)
        try container.encode(revenue, forKey: .revenue)
    }
}
