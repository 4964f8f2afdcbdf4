import Foundation
import ForecastData
import Forest

/// Turns a `ModelFile` into bytes and back, computing and checking its checksums and
/// validating every field on the way in.
public enum ModelFileCodec {
    /// The file's bytes: pretty-printed JSON with sorted keys, `metadata_sha256` filled in; in
    /// format 2, followed by the trees' binary payload and the `Trailer`.
    public static func encode(_ file: ModelFile) throws -> Data {
        var sealed = file
        sealed.metadataSHA256 = try metadataDigest(of: file)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(sealed)
        guard sealed.trees.isBinary else { return data }
        data.append(UInt8(ascii: "\n"))
        let payloadStart = data.count
        PackedTrees.withPayload(of: sealed.trees.nodes) { data.append(contentsOf: $0) }
        data.append(contentsOf: Trailer.bytes(payloadStart: payloadStart))
        return data
    }

    /// Decodes and validates a model file held in memory; `path` names it in errors.
    /// (`ModelFileReader` reads one from disk without holding the trees twice.)
    public static func decode(_ data: Data, path: String) throws(ModelFileError) -> (ModelFile, RandomForestRegressor) {
        let file = try decodeAttached(data, path: path)
        let forest = try validate(file)
        return (file, forest)
    }

    /// The file in `data` with its trees attached, not yet validated: the JSON part, then (format
    /// 2) the binary payload after it.
    static func decodeAttached(_ data: Data, path: String) throws(ModelFileError) -> ModelFile {
        // Format 2 ends with a trailer saying where the JSON stops and the payload starts;
        // without one the whole file is JSON (format 1, or a damaged file).
        let split = Trailer.payloadStart(in: data)
        let json = split.map { data[data.startIndex..<(data.startIndex + $0)] } ?? data
        var file = try decodeJSON(json, hasPayload: split != nil, path: path)
        if let start = split {
            let end = data.count - Trailer.size
            let attached = data.withUnsafeBytes { buffer in
                Result { () throws(ModelFileError) in
                    try file.trees.attachPayload(UnsafeRawBufferPointer(rebasing: buffer[start..<end]))
                    return file.trees
                }
            }
            file.trees = try attached.get()
        }
        return file
    }

    /// The JSON part of a file; `hasPayload` says whether binary trees follow it (format 2).
    static func decodeJSON(_ json: Data, hasPayload: Bool, path: String) throws(ModelFileError) -> ModelFile {
        let file: ModelFile
        do {
            file = try JSONDecoder().decode(ModelFile.self, from: json)
        } catch {
            // A newer format may have changed any field: say so rather than name the field.
            if let header = try? JSONDecoder().decode(Header.self, from: json),
               header.formatVersion > ModelFile.currentFormatVersion {
                throw .newerFormat(found: header.formatVersion, supported: ModelFile.currentFormatVersion)
            }
            if hasPayload, case DecodingError.dataCorrupted(let context) = error, context.codingPath.isEmpty {
                throw .invalid("its JSON part does not end where the file's trailer says the trees start")
            }
            throw describe(error, path: path)
        }
        if file.trees.isBinary, !hasPayload {
            throw .unreadable(path: path, reason: "the trees' payload is missing (truncated?)")
        }
        if !file.trees.isBinary, hasPayload {
            throw .invalid("trees.encoding '\(file.trees.encoding)' does not match the binary payload after the JSON")
        }
        return file
    }

    /// Checks every field and rebuilds the forest.
    static func validate(_ file: ModelFile) throws(ModelFileError) -> RandomForestRegressor {
        guard file.format == ModelFile.formatName else { throw .invalid("format is '\(file.format)', not a model file") }
        guard file.formatVersion <= ModelFile.currentFormatVersion else {
            throw .newerFormat(found: file.formatVersion, supported: ModelFile.currentFormatVersion)
        }
        guard file.formatVersion >= 1 else { throw .invalid("format_version \(file.formatVersion) is not a version") }
        // Format 1 kept its trees in base64 inside the JSON; format 2 writes them after it.
        guard file.trees.isBinary == (file.formatVersion >= 2) else {
            throw .invalid("format_version \(file.formatVersion) does not match trees.encoding")
        }
        guard let featureSet = FeatureSet(rawValue: file.featureSet) else {
            throw .invalid("feature_set '\(file.featureSet)' is unknown")
        }
        guard file.featureNames == featureSet.featureNames else {
            throw .invalid("feature_names do not match feature set '\(featureSet.rawValue)'")
        }
        let parameters = try checkedParameters(of: file)
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

    /// The file's forest hyperparameters, checked, and agreeing with the number of trees it holds.
    static func checkedParameters(of file: ModelFile) throws(ModelFileError) -> ForestParameters {
        let parameters = file.hyperparameters.parameters
        do {
            try parameters.validate()
        } catch {
            throw .invalid("hyperparameters: \(error.description)")
        }
        guard file.trees.count == parameters.treeCount else {
            throw .invalid("it holds \(file.trees.count) trees but n_estimators is \(parameters.treeCount)")
        }
        return parameters
    }

    /// SHA-256 of the canonical JSON (sorted keys, compact) of everything but the trees' and
    /// the node covers' data and the digest itself; the trees' own checksum (`checksum`, or
    /// format 1's `sha256`) and the covers' `sha256` are included, so it covers them too.
    static func metadataDigest(of file: ModelFile) throws -> String {
        var stripped = file
        stripped.metadataSHA256 = ""
        if stripped.trees.data != nil { stripped.trees.data = "" }
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

    /// The last 16 bytes of a format 2 file: the offset where the payload starts (little-endian
    /// 64-bit), then a fixed marker.
    enum Trailer {
        static let size = 16
        static let marker = Array("\nTREES2\n".utf8)

        static func bytes(payloadStart: Int) -> [UInt8] {
            withUnsafeBytes(of: UInt64(payloadStart).littleEndian, Array.init) + marker
        }

        /// The payload's offset from the start of `data`, when `data` ends with a well-formed
        /// trailer.
        static func payloadStart(in data: Data) -> Int? {
            guard let offset = offset(in: data), offset <= data.count - size else { return nil }
            return offset
        }

        /// The offset a trailer at the end of `data` gives, when there is one (not checked
        /// against the file's size).
        static func offset(in data: Data) -> Int? {
            guard data.count >= size else { return nil }
            let end = data.endIndex
            guard data[(end - marker.count)...].elementsEqual(marker) else { return nil }
            var offset: UInt64 = 0
            for (shift, byte) in data[(end - size)..<(end - marker.count)].enumerated() {
                offset |= UInt64(byte) << UInt64(8 * shift)
            }
            return offset <= UInt64(Int.max) ? Int(offset) : nil
        }
    }
}
