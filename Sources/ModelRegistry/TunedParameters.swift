import Foundation
import Forest

/// The hyperparameters file `forecast tune` writes and `forecast train --params PATH` reads: a
/// small JSON object with scikit-learn's names, e.g.
///
/// ```json
/// {"n_estimators": 300, "max_depth": 10, "min_samples_leaf": 3, "max_features": 0.7,
///  "tuning": {...}}
/// ```
///
/// Every key is optional (a hand-written file may set only one); `"max_depth": null` means
/// unlimited. `tuning` records how the values were found and is not read back. Any other key
/// is refused, so a misspelt name cannot be silently ignored.
public struct TunedParameters: Sendable, Equatable {
    /// What `max_depth` says: absent (keep the default), unlimited, or a depth.
    public enum Depth: Sendable, Equatable {
        case unlimited
        case limited(Int)
    }

    public var treeCount: Int?
    public var maxDepth: Depth?
    public var minSamplesLeaf: Int?
    public var maxFeatures: Double?

    /// Parameters given field by field (nil = not set).
    public init(treeCount: Int? = nil, maxDepth: Depth? = nil, minSamplesLeaf: Int? = nil, maxFeatures: Double? = nil) {
        self.treeCount = treeCount
        self.maxDepth = maxDepth
        self.minSamplesLeaf = minSamplesLeaf
        self.maxFeatures = maxFeatures
    }

    /// All four searched values of `parameters`.
    public init(_ parameters: ForestParameters) {
        treeCount = parameters.treeCount
        maxDepth = parameters.maxDepth.map { .limited($0) } ?? .unlimited
        minSamplesLeaf = parameters.minSamplesLeaf
        maxFeatures = parameters.maxFeatures
    }

    /// Overrides the fields this file sets.
    public func apply(to parameters: inout ForestParameters) {
        if let treeCount { parameters.treeCount = treeCount }
        switch maxDepth {
        case .unlimited?: parameters.maxDepth = nil
        case .limited(let depth)?: parameters.maxDepth = depth
        case nil: break
        }
        if let minSamplesLeaf { parameters.minSamplesLeaf = minSamplesLeaf }
        if let maxFeatures { parameters.maxFeatures = maxFeatures }
    }

    static let keys = ["n_estimators", "max_depth", "min_samples_leaf", "max_features", "tuning"]

    /// Reads and checks the file at `path`.
    public static func read(path: String) throws(TunedParametersError) -> TunedParameters {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .cannotRead(path: path)
        }
        return try parse(data, path: path)
    }

    /// Parses a parameters file's bytes; `path` names it in errors.
    public static func parse(_ data: Data, path: String) throws(TunedParametersError) -> TunedParameters {
        let raw: Raw
        do {
            raw = try JSONDecoder().decode(Raw.self, from: data)
        } catch let error as DecodingError {
            switch error {
            case .typeMismatch(_, let context), .valueNotFound(_, let context), .keyNotFound(_, let context):
                guard let name = context.codingPath.last?.stringValue else {
                    throw .invalid(path: path, detail: "it is not a JSON object")
                }
                throw .invalid(path: path, detail: "\(name) has the wrong type")
            case .dataCorrupted(let context):
                throw .invalid(path: path, detail: context.debugDescription.hasPrefix("unknown key")
                    ? context.debugDescription : "it is not a JSON object")
            @unknown default:
                throw .invalid(path: path, detail: "it is not a JSON object")
            }
        } catch {
            throw .invalid(path: path, detail: "it is not a JSON object")
        }
        let result = raw.parameters
        if let trees = result.treeCount, !(1...100_000).contains(trees) {
            throw .invalid(path: path, detail: "n_estimators must be from 1 to 100000, got \(trees)")
        }
        if case .limited(let depth)? = result.maxDepth, !(1...10_000).contains(depth) {
            throw .invalid(path: path, detail: "max_depth must be null (unlimited) or from 1 to 10000, got \(depth)")
        }
        if let leaf = result.minSamplesLeaf, !(1...1_000_000).contains(leaf) {
            throw .invalid(path: path, detail: "min_samples_leaf must be from 1 to 1000000, got \(leaf)")
        }
        if let fraction = result.maxFeatures, !(fraction > 0 && fraction <= 1) {
            throw .invalid(path: path, detail: "max_features must be in (0, 1], got \(fraction)")
        }
        return result
    }

    /// The file as decoded: known keys typed, any other key refused.
    private struct Raw: Decodable {
        let parameters: TunedParameters

        struct Key: CodingKey {
            let stringValue: String
            init(stringValue: String) { self.stringValue = stringValue }
            var intValue: Int? { nil }
            init?(intValue: Int) { nil }
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: Key.self)
            if let unknown = container.allKeys.map(\.stringValue).sorted().first(where: { !TunedParameters.keys.contains($0) }) {
                throw DecodingError.dataCorrupted(DecodingError.Context(
                    codingPath: [], debugDescription: "unknown key '\(unknown)' (known: \(TunedParameters.keys.joined(separator: ", ")))"
                ))
            }
            var parameters = TunedParameters()
            parameters.treeCount = try container.decodeIfPresent(Int.self, forKey: Key(stringValue: "n_estimators"))
            let depth = Key(stringValue: "max_depth")
            if container.contains(depth) {
                parameters.maxDepth = try container.decodeNil(forKey: depth)
                    ? .unlimited : .limited(try container.decode(Int.self, forKey: depth))
            }
            parameters.minSamplesLeaf = try container.decodeIfPresent(Int.self, forKey: Key(stringValue: "min_samples_leaf"))
            parameters.maxFeatures = try container.decodeIfPresent(Double.self, forKey: Key(stringValue: "max_features"))
            self.parameters = parameters
        }
    }
}

/// How the values of a `TunedParameters` file were found (its `tuning` object).
public struct TuningRecord: Sendable, Equatable, Codable {
    public var featuresPath: String
    public var featureSet: String
    public var backtestFolds: Int
    public var trials: Int
    public var seed: UInt64
    /// The best trial's mean backtest metrics.
    public var backtest: RegressionMetrics
    /// The defaults' mean backtest metrics on the same folds (trial 1).
    public var defaultsBacktest: RegressionMetrics

    enum CodingKeys: String, CodingKey {
        case featuresPath = "features_path", featureSet = "feature_set", backtestFolds = "backtest_folds"
        case trials, seed, backtest
        case defaultsBacktest = "defaults_backtest"
    }

    /// A record from its parts.
    public init(
        featuresPath: String, featureSet: String, backtestFolds: Int, trials: Int, seed: UInt64,
        backtest: RegressionMetrics, defaultsBacktest: RegressionMetrics
    ) {
        self.featuresPath = featuresPath
        self.featureSet = featureSet
        self.backtestFolds = backtestFolds
        self.trials = trials
        self.seed = seed
        self.backtest = backtest
        self.defaultsBacktest = defaultsBacktest
    }
}

extension TunedParameters {
    /// The file's text: the four values (`max_depth` null when unlimited) and `tuning`.
    public static func fileText(_ parameters: ForestParameters, record: TuningRecord) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(FileView(parameters: parameters, record: record)), as: UTF8.self) + "\n"
    }

    private struct FileView: Encodable {
        let parameters: ForestParameters
        let record: TuningRecord

        enum CodingKeys: String, CodingKey {
            case treeCount = "n_estimators", maxDepth = "max_depth", minSamplesLeaf = "min_samples_leaf"
            case maxFeatures = "max_features", tuning
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(parameters.treeCount, forKey: .treeCount)
            try container.encode(parameters.maxDepth, forKey: .maxDepth)
            try container.encode(parameters.minSamplesLeaf, forKey: .minSamplesLeaf)
            try container.encode(parameters.maxFeatures, forKey: .maxFeatures)
            try container.encode(record, forKey: .tuning)
        }
    }
}

/// A parameters file that cannot be used; the message names the file and the fix.
public enum TunedParametersError: Error, Equatable, Sendable, CustomStringConvertible {
    case cannotRead(path: String)
    case invalid(path: String, detail: String)

    /// One line naming the problem and the fix.
    public var description: String {
        switch self {
        case let .cannotRead(path):
            "cannot read the parameters file \(path); run 'forecast tune' to write it or check the path"
        case let .invalid(path, detail):
            "the parameters file \(path) is not usable: \(detail); fix it or rewrite it with 'forecast tune'"
        }
    }
}
