import Foundation
import Forest
import ModelRegistry

/// What `forecast tune` prints: the trials best first, or one JSON object.
enum TuneReport {
    static func table(_ result: Tuning.Result, record: TuningRecord, output: String) -> [String] {
        var lines = [
            "Tried \(result.trials.count) settings on \(result.rows) days (\(record.featureSet) features), each scored by a "
                + "\(record.backtestFolds)-fold rolling-origin backtest over the last \(result.testRows) days (mean over folds):",
            "",
        ]
        let header = ["rank", "trial", "trees", "max_depth", "min_leaf", "max_features", "MAE", "RMSE", "R²", "seconds"]
        var rows = [header]
        for (rank, trial) in result.trials.enumerated() {
            let parameters = trial.parameters
            rows.append([
                "\(rank + 1)", "\(trial.number)", "\(parameters.treeCount)",
                parameters.maxDepth.map(String.init) ?? "none", "\(parameters.minSamplesLeaf)",
                TrainReport.format(parameters.maxFeatures, digits: 2),
                TrainReport.format(trial.backtest.mae, digits: 2), TrainReport.format(trial.backtest.rmse, digits: 2),
                TrainReport.format(trial.backtest.r2, digits: 3), TrainReport.format(trial.seconds, digits: 1),
            ])
        }
        let widths = header.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        for row in rows {
            lines.append("  " + row.indices.map { column in
                String(repeating: " ", count: widths[column] - row[column].count) + row[column]
            }.joined(separator: "  "))
        }
        lines.append("")
        // Every rule the backtest scored beside the forest, by name (titles for the baselines).
        let baselines = result.baselines.keys.sorted().map { name in
            "\(Baseline(rawValue: name)?.title ?? name) \(TrainReport.format(result.baselines[name]!.mae, digits: 2))"
        }
        if !baselines.isEmpty { lines.append("Baselines on the same folds (MAE): " + baselines.joined(separator: ", ") + ".") }
        let best = result.best
        var verdict = "Best: trial \(best.number), MAE \(TrainReport.format(best.backtest.mae, digits: 2))"
        if best.number == 1 {
            verdict += " (the defaults; no draw beat them)."
        } else {
            let gain = (record.defaultsBacktest.mae - best.backtest.mae) / record.defaultsBacktest.mae * 100
            verdict += ", \(TrainReport.format(gain, digits: 1)) % below the defaults' "
                + "\(TrainReport.format(record.defaultsBacktest.mae, digits: 2))."
        }
        lines.append(verdict)
        lines.append("Written to \(output); train with it: forecast train --params \(output)")
        return lines
    }

    /// `{"best": N, "output": PATH, "tuning": {...}, "baselines": {...}, "trials": [...]}`, trials best first.
    static func json(_ result: Tuning.Result, record: TuningRecord, output: String) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let report = ReportJSON(
            best: result.best.number, output: output, tuning: record, baselines: result.baselines,
            trials: result.trials.map(TrialJSON.init)
        )
        return String(decoding: try encoder.encode(report), as: UTF8.self)
    }

    private struct ReportJSON: Encodable {
        let best: Int
        let output: String
        let tuning: TuningRecord
        let baselines: [String: RegressionMetrics]
        let trials: [TrialJSON]
    }

    private struct TrialJSON: Encodable {
        let trial: Tuning.Trial

        enum CodingKeys: String, CodingKey {
            case trial, nEstimators = "n_estimators", maxDepth = "max_depth", minSamplesLeaf = "min_samples_leaf"
            case maxFeatures = "max_features", backtest, seconds
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(trial.number, forKey: .trial)
            try container.encode(trial.parameters.treeCount, forKey: .nEstimators)
            try container.encode(trial.parameters.maxDepth, forKey: .maxDepth)
            try container.encode(trial.parameters.minSamplesLeaf, forKey: .minSamplesLeaf)
            try container.encode(trial.parameters.maxFeatures, forKey: .maxFeatures)
            try container.encode(trial.backtest, forKey: .backtest)
            try container.encode(trial.seconds, forKey: .seconds)
        }
    }
}
