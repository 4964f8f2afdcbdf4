import Foundation
import Forest
import ModelRegistry

/// What `forecast train` prints: a readable table, or one JSON object (SPEC.md keys first).
enum TrainReport {
    static func table(_ file: ModelFile) -> [String] {
        let training = file.training
        let fitted = file.rule.map { "Fitted the rule '\($0.formula)'" }
            ?? "Trained \(file.hyperparameters.nEstimators) trees"
        var lines = [
            headline(file),
            "",
            "\(fitted) on \(training.trainRows) days "
                + "(\(training.trainFirstDay) to \(training.trainLastDay)); "
                + "tested on \(training.testRows) days (\(training.testFirstDay) to \(training.testLastDay)).",
        ]
        if file.trees.count > 0 {
            lines.append("Feature set: \(file.featureSet) (\(file.featureNames.joined(separator: ", "))).")
        }
        return lines + details(file)
    }

    /// Everything after the description of the fit: interval, test metrics, importances,
    /// candidates and folds (also shown by `forecast models show`).
    static func details(_ file: ModelFile) -> [String] {
        let selected = Candidate(rawValue: file.modelKind ?? "") ?? .forest
        var lines: [String] = []
        if let interval = file.interval {
            lines.append("Interval: forecast × (1 ± \(format(interval.relativeHalfWidth, digits: 3))), calibrated on "
                + "\(interval.calibrationSize) out-of-sample errors for \(percent(interval.targetCoverage)); "
                + "covered \(percent(file.metrics.testCoverage)) of the test days.")
        }
        lines.append("")
        var rows = [("\(selected.title) (registered)", file.metrics.test)]
        if let other = file.metrics.otherFeatureSet {
            rows.append(("  (\(other.featureSet) features, not saved)", other.test))
        }
        for baseline in Baseline.allCases {
            if let metrics = file.metrics.baselines[baseline.rawValue] { rows.append((baseline.title, metrics)) }
        }
        lines += metricsTable(rows)
        if file.trees.count > 0 {
            let importances = file.featureNames
                .map { "\($0) \(format(file.metrics.featureImportances[$0] ?? 0, digits: 3))" }
                .joined(separator: ", ")
            lines.append("")
            lines.append("Out-of-bag R²: " + (file.metrics.oobR2.map { format($0, digits: 3) } ?? "n/a")
                + ". Feature importances: " + importances + ".")
        }
        if let backtest = file.metrics.backtest {
            lines.append("")
            lines += candidateTable(file)
            if let other = file.metrics.otherFeatureSet, let mean = other.backtestMean {
                lines.append("  (forest on \(other.featureSet) features, not a candidate: MAE \(format(mean.mae, digits: 2)))")
            }
            for (index, fold) in backtest.folds.enumerated() {
                let model = fold.metrics["model"]
                let forest = fold.metrics[Candidate.forest.rawValue]
                let persistence = fold.metrics[Baseline.persistence.rawValue]
                lines.append("  fold \(index + 1): \(fold.trainRows) train days, test \(fold.testFirstDay) to \(fold.testLastDay): "
                    + "\(selected.rawValue) MAE \(format(model?.mae ?? .nan, digits: 2)), forest MAE \(format(forest?.mae ?? .nan, digits: 2)), "
                    + "persistence MAE \(format(persistence?.mae ?? .nan, digits: 2))")
            }
        }
        return lines
    }

    static func metricsTable(_ rows: [(String, RegressionMetrics)]) -> [String] {
        let width = max(30, rows.map(\.0.count).max() ?? 0)
        func cell(_ text: String, _ size: Int) -> String {
            String(repeating: " ", count: max(0, size - text.count)) + text
        }
        var lines = ["  " + "".padding(toLength: width, withPad: " ", startingAt: 0) + cell("MAE", 14) + cell("RMSE", 14)
            + cell("R²", 10)]
        for (name, metrics) in rows {
            lines.append("  " + name.padding(toLength: width, withPad: " ", startingAt: 0)
                + cell(format(metrics.mae, digits: 2), 14) + cell(format(metrics.rmse, digits: 2), 14)
                + cell(format(metrics.r2, digits: 3), 10))
        }
        return lines
    }

    static func format(_ value: Double, digits: Int) -> String {
        value.isFinite ? String(format: "%.\(digits)f", value) : "n/a"
    }

    /// The `--json` object: SPEC.md's keys plus the feature set, importances, OOB R², backtest
    /// and where the model file is.
    static func json(_ file: ModelFile) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(TrainJSON(file: file)), as: UTF8.self)
    }

    private struct TrainJSON: Encodable {
        let file: ModelFile

        enum CodingKeys: String, CodingKey {
            case modelVersion = "model_version", trainRows = "train_rows", testRows = "test_rows", test, baselines
            case featureSet = "feature_set", featureNames = "feature_names", oobR2 = "oob_r2"
            case featureImportances = "feature_importances", backtest, createdAt = "created_at"
            case hyperparameters
            case otherFeatureSet = "other_feature_set"
            case selected, candidates, modelKind = "model_kind", rule, interval
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(file.modelVersion, forKey: .modelVersion)
            try container.encode(file.createdAt, forKey: .createdAt)
            try container.encode(file.training.trainRows, forKey: .trainRows)
            try container.encode(file.training.testRows, forKey: .testRows)
            try container.encode(
                TestJSON(metrics: file.metrics.test, coverage: file.metrics.testCoverage), forKey: .test
            )
            try container.encode(file.metrics.baselines, forKey: .baselines)
            try container.encode(file.featureSet, forKey: .featureSet)
            try container.encode(file.featureNames, forKey: .featureNames)
            try container.encode(file.metrics.oobR2, forKey: .oobR2)
            try container.encode(file.metrics.featureImportances, forKey: .featureImportances)
            try container.encode(file.metrics.backtest, forKey: .backtest)
            try container.encode(file.hyperparameters, forKey: .hyperparameters)
            try container.encode(file.metrics.otherFeatureSet, forKey: .otherFeatureSet)
            try container.encode(file.metrics.selected ?? file.modelKind ?? Candidate.forest.rawValue, forKey: .selected)
            try container.encode(file.modelKind ?? Candidate.forest.rawValue, forKey: .modelKind)
            try container.encode(file.metrics.candidates ?? [:], forKey: .candidates)
            try container.encode(file.rule, forKey: .rule)
            try container.encode(file.interval, forKey: .interval)
        }
    }

    /// The test metrics with the calibrated interval's coverage of the test days (issue 9).
    private struct TestJSON: Encodable {
        let metrics: RegressionMetrics
        let coverage: Double?

        enum CodingKeys: String, CodingKey { case mae, rmse, r2, coverage }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(metrics.mae, forKey: .mae)
            try container.encode(metrics.rmse, forKey: .rmse)
            try container.encode(metrics.r2, forKey: .r2)
            try container.encode(coverage, forKey: .coverage)
        }
    }
}
