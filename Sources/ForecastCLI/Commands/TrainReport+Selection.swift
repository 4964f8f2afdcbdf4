import Foundation
import Forest
import ModelRegistry

/// The part of `forecast train`'s report that says which candidate was registered and why
/// (issue 9 §1): a first line in words, and the candidates' backtest table.
extension TrainReport {
    /// One sentence: the winner, its margin over the best rule and over the level forest, the
    /// folds it won, and plainly whether the forest lost.
    static func headline(_ file: ModelFile) -> String {
        let selected = Candidate(rawValue: file.metrics.selected ?? file.modelKind ?? "") ?? .forest
        guard let scores = file.metrics.candidates, let mine = scores[selected.rawValue] else {
            return "Registered \(selected.rawValue) (\(selected.title)); no backtest was run, so no candidate was compared "
                + "(--backtest K compares them)."
        }
        let folds = file.metrics.backtest?.folds.count ?? 0
        let mae = mine.backtest.mae
        var sentence = "Selected \(selected.rawValue) (\(describe(selected, in: file))): backtest MAE \(format(mae, digits: 2)), best on \(mine.foldsWon) of \(folds) folds"
        if let (rule, ruleScore) = Candidate.rules.compactMap({ rule in scores[rule.rawValue].map { (rule, $0) } })
            .min(by: { $0.1.backtest.mae < $1.1.backtest.mae }), rule != selected {
            sentence += "; \(compare(mae, ruleScore.backtest.mae)) the best rule (\(rule.rawValue), MAE \(format(ruleScore.backtest.mae, digits: 2)))"
        }
        if selected != .forest, let forest = scores[Candidate.forest.rawValue] {
            sentence += "; \(compare(mae, forest.backtest.mae)) the \(Candidate.forest.title) (MAE \(format(forest.backtest.mae, digits: 2)))"
        }
        sentence += "."
        let best = Candidate.allCases.filter { scores[$0.rawValue] != nil }
            .min { scores[$0.rawValue]!.backtest.mae < scores[$1.rawValue]!.backtest.mae }
        if let best, best != selected {
            sentence += " Forced by --model: the \(best.title) did better (MAE \(format(scores[best.rawValue]!.backtest.mae, digits: 2)))."
        }
        // Said plainly, from the backtest whatever --model forced.
        if let best, best.rule != nil {
            sentence += " The forests lost: a one-line rule (\(best.rawValue)) forecasts better."
        } else if let best, best != .forest {
            sentence += " The forest on revenue levels lost to the \(best.title)."
        }
        return sentence
    }

    /// The candidate's title; a blend names the forest and the rule it averages.
    static func describe(_ candidate: Candidate, in file: ModelFile) -> String {
        guard candidate == .blend, let rule = file.rule else { return candidate.title }
        let forest = file.featureSet == ScaleFreeFeatures.name ? Candidate.forestScaleFree : .forest
        return "mean of \(forest.rawValue) and \(rule.kind.rawValue)"
    }

    /// "12.3 % better than" / "4.0 % worse than" / "as good as".
    static func compare(_ mine: Double, _ other: Double) -> String {
        guard other > 0, mine.isFinite, other.isFinite else { return "compared with" }
        let change = (other - mine) / other * 100
        if abs(change) < 0.05 { return "as good as" }
        return String(format: "%.1f %% %@ than", abs(change), change > 0 ? "better" : "worse")
    }

    /// Every candidate's mean backtest error, folds won and calibrated interval.
    static func candidateTable(_ file: ModelFile) -> [String] {
        guard let scores = file.metrics.candidates else { return [] }
        let folds = file.metrics.backtest?.folds.count ?? 0
        var lines = ["Candidates, backtest over \(folds) folds (mean; interval: ±q calibrated for 80 %, coverage of folds 2…\(folds) calibrated on earlier folds):",
                     "  " + "".padding(toLength: 46, withPad: " ", startingAt: 0) + cell("MAE", 12) + cell("RMSE", 12)
                        + cell("folds won", 11) + cell("±q", 9) + cell("coverage", 10)]
        for candidate in Candidate.allCases {
            guard let score = scores[candidate.rawValue] else { continue }
            let marker = candidate.rawValue == file.metrics.selected ? "* " : "  "
            lines.append(marker + "\(candidate.title)".padding(toLength: 46, withPad: " ", startingAt: 0)
                + cell(format(score.backtest.mae, digits: 2), 12) + cell(format(score.backtest.rmse, digits: 2), 12)
                + cell("\(score.foldsWon)", 11) + cell(percent(score.relativeHalfWidth), 9)
                + cell(percent(score.backtestCoverage), 10))
        }
        return lines
    }

    static func percent(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "n/a" }
        return String(format: "%.1f %%", value * 100)
    }

    static func cell(_ text: String, _ size: Int) -> String {
        String(repeating: " ", count: max(0, size - text.count)) + text
    }
}
