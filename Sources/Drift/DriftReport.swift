import Foundation

/// The result of `forecast drift`: one `FeatureDrift` per feature and where the data came from.
/// Encoded as `reports/drift.json` with snake_case keys.
public struct DriftReport: Equatable, Sendable, Codable {
    /// True when any feature drifted.
    public let driftDetected: Bool
    public let features: [FeatureDrift]
    public let referencePath: String
    public let logPaths: [String]
    /// Log lines compared (after `--window`).
    public let currentCount: Int
    /// Log lines skipped because they were torn or malformed.
    public let malformedLines: Int
    /// `--window N` when given: only the last N predictions were compared.
    public let window: Int?
    /// The decision rule in words, for readers of the JSON.
    public let rule: String

    enum CodingKeys: String, CodingKey {
        case driftDetected = "drift_detected"
        case features
        case referencePath = "reference_path"
        case logPaths = "log_paths"
        case currentCount = "current_count"
        case malformedLines = "malformed_lines"
        case window, rule
    }

    /// A report over `features`; drift is detected when any of them drifted.
    public init(features: [FeatureDrift], referencePath: String, logPaths: [String], currentCount: Int,
                malformedLines: Int, window: Int?) {
        self.features = features
        self.driftDetected = features.contains { $0.drifted }
        self.referencePath = referencePath
        self.logPaths = logPaths
        self.currentCount = currentCount
        self.malformedLines = malformedLines
        self.window = window
        self.rule = "reference ≤ \(DriftRule.largestReferenceForKS) rows: KS p-value ≤ \(DriftRule.ksPValueThreshold)"
            + " means drift; more rows: Wasserstein distance / reference std ≥ \(DriftRule.wassersteinThreshold) means drift"
    }

    /// Pretty-printed JSON with sorted keys (stable output for diffs and scripts).
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(self)
        return String(decoding: data, as: UTF8.self)
    }
}
