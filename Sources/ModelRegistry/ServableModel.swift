import Foundation
import ForecastData
import Forest

/// One forecast with its interval: the calibrated interval of the model file when it has one
/// (issue 9), else (older forest files) the 10th and 90th percentiles of the per-tree predictions.
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
    /// The fitted candidate: a forest, a rule or a blend.
    public let forecaster: Forecaster
    /// The forest inside, if the model has one.
    public var forest: RandomForestRegressor? { forecaster.forest }
    /// JSON object text for `GET /model/info`: everything in the model file but the trees, the
    /// test predictions and the serving history.
    public let infoJSON: String

    private let interval: ConformalInterval?

    /// Builds a servable model from a validated file and its forecaster.
    init(file: ModelFile, forecaster: Forecaster) throws(ModelFileError) {
        self.version = file.modelVersion
        self.featureSet = file.featureSet
        self.featureNames = file.featureNames
        self.file = file
        self.forecaster = forecaster
        interval = file.interval
        do {
            infoJSON = try ServableModel.info(of: file)
        } catch {
            throw .invalid("cannot summarise it: \(error)")
        }
    }

    /// How many days before the request's day the features look at: 0 for `basic`, which needs
    /// no history.
    public var historyLength: Int { forecaster.historyLength }

    /// The next day's revenue forecast for `day`, which had `revenue` and `orderCount`;
    /// `earlier` is the revenue of the days just before it, oldest first (at most
    /// `historyLength` are used; fewer at the start of the data, as in training).
    ///
    /// Allocation-free (feature row and per-tree values live on the stack); about 10 µs for
    /// 200 trees of the daily model.
    public func predict(revenue: Double, orderCount: Int, day: Day, earlier: ArraySlice<Double>) -> ModelPrediction {
        let spread: PredictionInterval
        switch forecaster {
        case let .levels(.extended, forest):
            let window = ExtendedWindow(earlier: earlier)
            spread = withUnsafeTemporaryAllocation(of: Double.self, capacity: ExtendedWindow.featureCount) { row in
                window.write(revenue: revenue, orderCount: orderCount, day: day, into: row)
                return forest.predictWithInterval { row[$0] }
            }
        case let .levels(.basic, forest):
            let orders = Double(orderCount)
            spread = forest.predictWithInterval { $0 == 0 ? revenue : orders }
        default:
            // Scale-free forests, rules and blends have no tree spread to fall back on; training
            // always calibrates their interval unless no forecast was positive, and then the
            // interval is the forecast itself.
            let value = forecaster.forecast(revenue: revenue, orderCount: orderCount, day: day, earlier: earlier)
            spread = PredictionInterval(value: value, lower: value, upper: value)
        }
        guard let interval else { return ModelPrediction(value: spread.value, lower: spread.lower, upper: spread.upper) }
        let bounds = interval.bounds(around: spread.value)
        return ModelPrediction(value: spread.value, lower: bounds.lower, upper: bounds.upper)
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
            case modelKind = "model_kind", rule
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
            try container.encode(file.modelKind ?? Candidate.forest.rawValue, forKey: .modelKind)
            try container.encodeIfPresent(file.rule, forKey: .rule)
            if let interval = file.interval {
                try container.encode(interval, forKey: .prediction)
            } else {
                try container.encode(
                    ["lower_percentile": PredictionInterval.lowerPercentile, "upper_percentile": PredictionInterval.upperPercentile],
                    forKey: .prediction
                )
            }
        }
    }
}
