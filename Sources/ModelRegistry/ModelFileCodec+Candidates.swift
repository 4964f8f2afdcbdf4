import Foundation
import ForecastData
import Forest

/// Loading a model file of any candidate kind (issue 9). A forest on revenue levels (every
/// file written before candidates existed, `model_kind` absent or `forest`) goes through
/// `decode` unchanged; a scale-free forest, a rule or a blend is checked here with the same
/// rules (format, metadata checksum, trees, history) plus its own (a known rule, a servable
/// interval).
extension ModelFileCodec {
    /// Decodes and validates a model file of any kind; `path` names it in errors.
    public static func decodeForecaster(_ data: Data, path: String) throws(ModelFileError) -> (ModelFile, Forecaster) {
        // Format 2 files carry binary trees after the JSON: the kinds are told apart once the
        // JSON part is decoded and the trees attached.
        let file = try decodeAttached(data, path: path)
        return (file, try forecaster(of: file))
    }

    /// The forecaster of a decoded file (trees attached), every field checked: the one place
    /// that tells the kinds apart, whatever reads the bytes.
    public static func forecaster(of file: ModelFile) throws(ModelFileError) -> Forecaster {
        isLevelForest(file.modelKind) ? try levels(file, try validate(file)) : try validateCandidate(file)
    }

    /// Files without `model_kind` predate candidates: all are level forests.
    private static func isLevelForest(_ kind: String?) -> Bool {
        kind == nil || kind == Candidate.forest.rawValue
    }

    private static func levels(_ file: ModelFile, _ forest: RandomForestRegressor) throws(ModelFileError) -> Forecaster {
        // `validate` accepted the feature set, so it is one of ours.
        guard let set = FeatureSet(rawValue: file.featureSet) else { throw .invalid("feature_set '\(file.featureSet)' is unknown") }
        try validateInterval(file)
        return .levels(set, forest)
    }

    /// The checks of a model file that is not a level forest; returns its forecaster.
    static func validateCandidate(_ file: ModelFile) throws(ModelFileError) -> Forecaster {
        guard file.format == ModelFile.formatName else { throw .invalid("format is '\(file.format)', not a model file") }
        guard file.formatVersion <= ModelFile.currentFormatVersion else {
            throw .newerFormat(found: file.formatVersion, supported: ModelFile.currentFormatVersion)
        }
        guard file.formatVersion >= 1 else { throw .invalid("format_version \(file.formatVersion) is not a version") }
        guard let name = file.modelKind, let candidate = Candidate(rawValue: name) else {
            throw .invalid("model_kind '\(file.modelKind ?? "")' is unknown (known: \(Candidate.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        let digest: String
        do {
            digest = try metadataDigest(of: file)
        } catch {
            throw .invalid("cannot re-encode it: \(error)")
        }
        guard digest == file.metadataSHA256 else { throw .checksumMismatch("metadata") }
        // Serving takes its days from the live daily history; the stored one is for the record.
        let history = file.history
        guard history.revenue.count <= RecentRevenue.daysNeeded, history.revenue.allSatisfy(\.isFinite),
              history.lastDay.map({ Day(iso: $0) != nil }) ?? true else {
            throw .invalid("history must hold at most \(RecentRevenue.daysNeeded) finite revenues and a real last_day")
        }
        try validateInterval(file)
        let forecaster: Forecaster
        switch candidate {
        case .forest:
            throw .invalid("model_kind 'forest' is read by the forest decoder")
        case .forestScaleFree:
            forecaster = .scaleFree(try forest(of: file, expecting: ScaleFreeFeatures.name))
        case .seasonalNaive, .movingAverage7d, .persistence:
            guard file.trees.count == 0 else { throw .invalid("a rule model holds no trees, this one holds \(file.trees.count)") }
            forecaster = .rule(try rule(of: file, kind: candidate.rule))
        case .blend:
            let part: Forecaster
            if file.featureSet == ScaleFreeFeatures.name {
                part = .scaleFree(try forest(of: file, expecting: ScaleFreeFeatures.name))
            } else if let set = FeatureSet(rawValue: file.featureSet) {
                part = .levels(set, try forest(of: file, expecting: set.rawValue))
            } else {
                throw .invalid("feature_set '\(file.featureSet)' is unknown")
            }
            forecaster = .blend(part, try rule(of: file, kind: nil))
        }
        return forecaster
    }

    private static func rule(of file: ModelFile, kind: RuleModel.Kind?) throws(ModelFileError) -> RuleModel {
        guard let rule = file.rule, rule.isValid, kind == nil || rule.kind == kind else {
            throw .invalid("rule is missing or does not match model_kind '\(file.modelKind ?? "")'")
        }
        return rule
    }

    /// The forest of a scale-free or blend file, checked as `validate` checks a level forest.
    private static func forest(of file: ModelFile, expecting set: String) throws(ModelFileError) -> RandomForestRegressor {
        let names = set == ScaleFreeFeatures.name ? ScaleFreeFeatures.featureNames : FeatureSet(rawValue: set)?.featureNames
        guard file.featureSet == set, file.featureNames == names else {
            throw .invalid("feature_names do not match feature set '\(file.featureSet)'")
        }
        let parameters = try checkedParameters(of: file)
        let nodes = try file.trees.unpackNodes()
        let importances = file.featureNames.map { file.metrics.featureImportances[$0] ?? 0 }
        do {
            return try RandomForestRegressor.validated(
                parameters: parameters, featureCount: file.featureNames.count, nodes: nodes,
                nodeCounts: file.trees.nodeCounts, featureImportances: importances, outOfBagR2: file.metrics.oobR2
            )
        } catch {
            throw .invalid(error.description)
        }
    }

    private static func validateInterval(_ file: ModelFile) throws(ModelFileError) {
        if let interval = file.interval, !interval.isValid {
            throw .invalid("interval is not a calibrated interval this build serves")
        }
    }

    /// Just enough of a file to tell its kind.
}
