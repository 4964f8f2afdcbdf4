import Foundation
import ForecastData
import Forest

/// Turns a `ModelFile` into bytes and back, computing and checking its checksums and
/// validating every field on the way in.
public enum ModelFileCodec {
    /// The file's bytes: pretty-printed JSON with sorted keys, `metadata_sha256` filled in.
    public static func encode(_ file: ModelFile) throws -> Data {
        var sealed = file
        sealed.metadataSHA256 = try metadataDigest(of: file)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(sealed)
    }

    /// Decodes and validates a model file; `path` names it in errors.
    public static func decode(_ data: Data, path: String) throws(ModelFileError) -> (ModelFile, RandomForestRegressor) {
        let file: ModelFile
        do {
            file = try JSONDecoder().decode(ModelFile.self, from: data)
        } catch {
            // A newer format may have changed any field: say so rather than name the field.
            if let header = try? JSONDecoder().decode(Header.self, from: data),
               header.formatVersion > ModelFile.currentFormatVersion {
                throw .newerFormat(found: header.formatVersion, supported: ModelFile.currentFormatVersion)
            }
            throw describe(error, path: path)
        }
        let forest = try validate(file)
        return (file, forest)
    }

    /// Checks every field and rebuilds the forest.
    static func validate(_ file: ModelFile) throws(ModelFileError) -> RandomForestRegressor {
        guard file.format == ModelFile.formatName else { throw .invalid("format is '\(file.format)', not a model file") }
        guard file.formatVersion <= ModelFile.currentFormatVersion else {
            throw .newerFormat(found: file.formatVersion, supported: ModelFile.currentFormatVersion)
        }
        guard file.formatVersion >= 1 else { throw .invalid("format_version \(file.formatVersion) is not a version") }
        guard let featureSet = FeatureSet(rawValue: file.featureSet) else {
            throw .invalid("feature_set '\(file.featureSet)' is unknown")
        }
        guard file.featureNames == featureSet.featureNames else {
            throw .invalid("feature_names do not match feature set '\(featureSet.rawValue)'")
        }
        let parameters = file.hyperparameters.parameters
        do {
            try parameters.validate()
        } catch {
            throw .invalid("hyperparameters: \(error.description)")
        }
        guard file.trees.count == parameters.treeCount else {
            throw .invalid("it holds \(file.trees.count) trees but n_estimators is \(parameters.treeCount)")
        }
        let digest: String
        do {
            digest = try metadataDigest(of: file)
        } catch {
            throw .invalid("cannot re-encode it: \(error)")
        }
        guard digest == file.metadataSHA256 else { throw .checksumMismatch("metadata") }
        try validateHistory(file.history, featureSet: featureSet)
        let nodes = try file.trees.unpackNodes()
        var importances = [Double](repeating: 0, count: file.featureNames.count)
        for (index, name) in file.featureNames.enumerated() {
            importances[index] = file.metrics.featureImportances[name] ?? 0
        }
        do {
            return try RandomForestRegressor.validated(
                parameters: parameters, featureCount: file.featureNames.count, nodes: nodes,
                nodeCounts: file.trees.nodeCounts, featureImportances: importances, outOfBagR2: file.metrics.oobR2
            )
        } catch {
            throw .invalid(error.description)
        }
    }

    private static func validateHistory(_ history: ServingHistory, featureSet: FeatureSet) throws(ModelFileError) {
        guard history.revenue.count <= FeatureSet.historyLength, history.revenue.allSatisfy(\.isFinite) else {
            throw .invalid("history.revenue must hold at most \(FeatureSet.historyLength) finite numbers")
        }
        if featureSet == .extended {
            guard let lastDay = history.lastDay, Day(iso: lastDay) != nil, !history.revenue.isEmpty else {
                throw .invalid("history must name its last_day and hold revenue for the extended features")
            }
        }
    }

    /// SHA-256 of the canonical JSON (sorted keys, compact) of everything but the trees' and
    /// the node covers' data and the digest itself; their own `sha256` is included, so it
    /// covers them too.
    static func metadataDigest(of file: ModelFile) throws -> String {
        var stripped = file
        stripped.metadataSHA256 = ""
        stripped.trees.data = ""
        // The covers' payload is summarised by its own `sha256`, checked when unpacked.
        stripped.nodeCovers?.data = ""
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return SHA256.hex(of: try encoder.encode(stripped))
    }

    private static func describe(_ error: any Error, path: String) -> ModelFileError {
        guard let decoding = error as? DecodingError else { return .unreadable(path: path, reason: "\(error)") }
        switch decoding {
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            return .unreadable(path: path, reason: "not valid JSON (truncated?)")
        case .keyNotFound(let key, let context):
            return .invalid("field '\(dotted(context.codingPath + [key]))' is missing")
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return .invalid("field '\(dotted(context.codingPath))' has the wrong type or value")
        @unknown default:
            return .unreadable(path: path, reason: "\(decoding)")
        }
    }

    private static func dotted(_ path: [any CodingKey]) -> String {
        path.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }

    /// Just enough of a file to tell its format version.
    private struct Header: Decodable {
        let formatVersion: Int
        enum CodingKeys: String, CodingKey { case formatVersion = "format_version" }
    }
}
