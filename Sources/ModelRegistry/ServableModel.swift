import Foundation
import ForecastData
import Forest

/// One forecast with the spread of the trees: `value` is the forest's prediction (mean of the
/// trees), `lower`/`upper` the 10th and 90th percentiles of the per-tree predictions.
public struct ModelPrediction: Sendable, Equatable {
    public let value: Double
    public let lower: Double
    public let upper: Double

    /// A prediction with its interval bounds.
    public init(value: Double, lower: Double, upper: Double) {
        self.value = value
        self.lower = lower
        self.upper = upper
    }
}

/// A loaded, validated model ready to answer requests: immutable, so a server can share it
/// between connections and swap it whole on `use`/`rollback` (STYLE.md §5).
///
/// A request gives one day's `ca_total` and `nb_commandes` and asks for the next day's revenue.
/// The model holds no calendar of its own: the caller names the day and passes the revenue of
/// the days before it (from the live daily history), so the forecast follows the calendar
/// without retraining. The `history` a model file may store is kept for the record only.
public struct ServableModel: Sendable {
    public let version: String
    public let featureSet: String
    public let featureNames: [String]
    /// The model file as loaded (metadata, metrics and test predictions).
    public let file: ModelFile
    /// The forest.
    public let forest: RandomForestRegressor
    /// JSON object text for `GET /model/info`: everything in the model file but the trees, the
    /// test predictions and the serving history.
    public let infoJSON: String

    private let kind: FeatureSet
    /// Built on the first explained forecast (see `explain`), never on the prediction path.
    let explainers = ExplainerCache()

    /// Builds a servable model from a validated file and its forest.
    init(file: ModelFile, forest: RandomForestRegressor) throws(ModelFileError) {
        guard let kind = FeatureSet(rawValue: file.featureSet) else {
            throw .invalid("feature_set '\(file.featureSet)' is unknown")
        }
        self.version = file.modelVersion
        self.featureSet = file.featureSet
        self.featureNames = file.featureNames
        self.file = file
        self.forest = forest
        self.kind = kind
        do {
            infoJSON = try ServableModel.info(of: file)
        } catch {
            throw .invalid("cannot summarise it: \(error)")
        }
    }

    /// How many days before the request's day the features look at: 0 for `basic`, which needs
    /// no history.
    public var historyLength: Int { kind == .basic ? 0 : FeatureSet.historyLength }

    /// The next day's revenue forecast for `day`, which had `revenue` and `orderCount`;
    /// `earlier` is the revenue of the days just before it, oldest first (at most
    /// `historyLength` are used; fewer at the start of the data, as in training).
    ///
    /// Allocation-free (feature row and per-tree values live on the stack); about 10 µs for
    /// 200 trees of the daily model.
    public func predict(revenue: Double, orderCount: Int, day: Day, earlier: ArraySlice<Double>) -> ModelPrediction {
        let interval: PredictionInterval
        switch kind {
        case .extended:
            let window = ExtendedWindow(earlier: earlier)
            interval = withUnsafeTemporaryAllocation(of: Double.self, capacity: ExtendedWindow.featureCount) { row in
                window.write(revenue: revenue, orderCount: orderCount, day: day, into: row)
                return forest.predictWithInterval { row[$0] }
            }
        case .basic:
            let orders = Double(orderCount)
            interval = forest.predictWithInterval { $0 == 0 ? revenue : orders }
        }
        return ModelPrediction(value: interval.value, lower: interval.lower, upper: interval.upper)
    }

    private static func info(of file: ModelFile) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // JSONEncoder writes UTF-8.
        return String(decoding: try encoder.encode(InfoView(file: file)), as: UTF8.self)
    }

    /// The fields `GET /model/info` shows.
    private struct InfoView: Encodable {
        let file: ModelFile

        enum CodingKeys: String, CodingKey {
            case modelVersion = "model_version", createdAt = "created_at", featureSet = "feature_set"
            case featureNames = "feature_names", hyperparameters, training, metrics, formatVersion = "format_version"
            case trees
            case prediction = "prediction_interval"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(file.modelVersion, forKey: .modelVersion)
            try container.encode(file.createdAt, forKey: .createdAt)
            try container.encode(file.formatVersion, forKey: .formatVersion)
            try container.encode(file.featureSet, forKey: .featureSet)
            try container.encode(file.featureNames, forKey: .featureNames)
            try container.encode(file.hyperparameters, forKey: .hyperparameters)
            try container.encode(file.training, forKey: .training)
            try container.encode(file.metrics, forKey: .metrics)
            try container.encode(["count": file.trees.count, "nodes": file.trees.nodeCounts.reduce(0, +)], forKey: .trees)
            try container.encode(
                ["lower_percentile": PredictionInterval.lowerPercentile, "upper_percentile": PredictionInterval.upperPercentile],
                forKey: .prediction
            )
        }
    }
}
