import Foundation
import Forest
import ModelRegistry

/// The read-only verbs of `forecast models`: `list` and `show`.
enum ModelsListing {
    static func list(store: ModelStore, json: Bool, console: Console) throws {
        let versions = try store.versions()
        let current = try store.currentVersion()
        var entries: [ListEntry] = []
        for version in versions {
            let (file, _) = try store.loadFile(version: version)
            entries.append(ListEntry(
                version: version, current: version == current, createdAt: file.createdAt,
                modelKind: file.modelKind ?? Candidate.forest.rawValue, featureSet: file.featureSet,
                trees: file.hyperparameters.nEstimators, trainRows: file.training.trainRows, test: file.metrics.test
            ))
        }
        if json {
            console.out(try encode(entries))
            return
        }
        guard !entries.isEmpty else {
            console.err("no model registered in \(store.directory); run 'forecast train'")
            return
        }
        console.out("  version                   created               model              features    trees  train days   test MAE   test R²")
        for entry in entries {
            console.out((entry.current ? "* " : "  ") + entry.version.padding(toLength: 26, withPad: " ", startingAt: 0)
                + entry.createdAt.padding(toLength: 22, withPad: " ", startingAt: 0)
                + entry.modelKind.padding(toLength: 19, withPad: " ", startingAt: 0)
                + entry.featureSet.padding(toLength: 10, withPad: " ", startingAt: 0)
                + String(format: "%5d  %10d  %9.2f  %8.3f", entry.trees, entry.trainRows, entry.test.mae, entry.test.r2))
        }
    }

    static func show(store: ModelStore, name: String?, json: Bool, console: Console) throws {
        let version: String
        if let name {
            version = try store.resolve(name)
        } else {
            guard let current = try store.currentVersion() else {
                throw CLIError.failure("no current model in \(store.directory); run 'forecast train' or name a VERSION")
            }
            version = current
        }
        let model = try store.load(version: version)
        if json {
            console.out(model.infoJSON)
            return
        }
        let file = model.file
        let isCurrent = try store.currentVersion() == version
        console.out("model \(file.modelVersion)\(isCurrent ? " (current)" : "")")
        console.out("  created      \(file.createdAt)")
        console.out("  file         \(store.path(of: version))")
        if file.trees.count > 0 { console.out("  features     \(file.featureSet): \(file.featureNames.joined(separator: ", "))") }
        if model.historyLength > 0 {
            console.out("  requests     need the revenue of the \(model.historyLength) days before their date (daily history: the features file)")
        }
        console.out("  model        \(file.modelKind ?? Candidate.forest.rawValue)")
        if let rule = file.rule { console.out("  rule         \(rule.formula)") }
        if file.trees.count > 0 {
            let h = file.hyperparameters
            console.out("  forest       \(h.nEstimators) trees, seed \(h.seed), max_depth \(h.maxDepth.map(String.init) ?? "unlimited"), "
                + "min_samples_leaf \(h.minSamplesLeaf), max_features \(h.maxFeatures)")
        }
        let t = file.training
        console.out("  trained on   \(t.trainRows) days \(t.trainFirstDay) to \(t.trainLastDay) of \(t.featuresPath)")
        console.out("  tested on    \(t.testRows) days \(t.testFirstDay) to \(t.testLastDay)")
        console.out("  features sha256 \(t.featuresSHA256)")
        console.out("")
        console.out(TrainReport.headline(file))
        for line in TrainReport.details(file) { console.out(line) }
    }

    private struct ListEntry: Encodable {
        let version: String
        let current: Bool
        let createdAt: String
        let modelKind: String
        let featureSet: String
        let trees: Int
        let trainRows: Int
        let test: RegressionMetrics

        enum CodingKeys: String, CodingKey {
            case version = "model_version", current, createdAt = "created_at", modelKind = "model_kind", featureSet = "feature_set"
            case trees = "n_estimators", trainRows = "train_rows", test
        }
    }

    private static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
