import Forest
import Synchronization

/// Why one forecast is what it is: a baseline and each feature's share of the difference,
/// `expectedValue + contributions.sum() == prediction` (to rounding).
///
/// For a forest these are exact SHAP values (path-dependent TreeSHAP over its trees, as the
/// `shap` package's `TreeExplainer` computes them): `expectedValue` is the forest's mean
/// prediction over its training data.
public struct ModelExplanation: Sendable, Equatable {
    /// The baseline the contributions start from.
    public let expectedValue: Double
    /// One contribution per feature, in the model's feature order.
    public let contributions: [(name: String, value: Double)]

    /// An explanation from its parts.
    public init(expectedValue: Double, contributions: [(name: String, value: Double)]) {
        self.expectedValue = expectedValue
        self.contributions = contributions
    }

    public static func == (lhs: ModelExplanation, rhs: ModelExplanation) -> Bool {
        lhs.expectedValue == rhs.expectedValue && lhs.contributions.map(\.name) == rhs.contributions.map(\.name)
            && lhs.contributions.map(\.value) == rhs.contributions.map(\.value)
    }
}

/// The forest's explainer, built the first time a forecast is explained rather than at load:
/// unpacking the covers and copying the trees costs a few milliseconds that serving without
/// explanations should not pay. Thread-safe; a failure (no covers) is kept and rethrown.
final class ExplainerCache: Sendable {
    private let state = Mutex<Result<ForestExplainer, ExplanationError>?>(nil)

    /// The explainer for `forest`, whose covers come from `file`.
    func explainer(file: ModelFile, forest: RandomForestRegressor) throws(ExplanationError) -> ForestExplainer {
        let result = state.withLock { cached in
            if let cached { return cached }
            let built = ExplainerCache.build(file: file, forest: forest)
            cached = built
            return built
        }
        return try result.get()
    }

    private static func build(file: ModelFile, forest: RandomForestRegressor) -> Result<ForestExplainer, ExplanationError> {
        guard let stored = file.nodeCovers else { return .failure(.noCovers(version: file.modelVersion)) }
        let trees = forest.trees
        do {
            let covers = try stored.unpack(nodeCounts: trees.map(\.nodes.count))
            return .success(try ForestExplainer(trees: trees, covers: covers, featureCount: forest.featureCount))
        } catch let error as ModelFileError {
            return .failure(.damaged(version: file.modelVersion, reason: error.description))
        } catch {
            return .failure(.damaged(version: file.modelVersion, reason: "\(error)"))
        }
    }
}

/// Why a forecast cannot be explained; one line naming the problem and the fix.
public enum ExplanationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The model file predates explanations: it has no node covers.
    case noCovers(version: String)
    /// The stored covers do not fit the trees.
    case damaged(version: String, reason: String)

    /// One line naming the problem and the fix.
    public var description: String {
        switch self {
        case let .noCovers(version):
            "model \(version) cannot explain its forecasts: it was trained before explanations existed (its file has no node_covers); retrain it with 'forecast train'"
        case let .damaged(version, reason):
            "model \(version) cannot explain its forecasts: \(reason)"
        }
    }
}
