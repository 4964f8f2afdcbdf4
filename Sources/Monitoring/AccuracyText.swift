import Charts

/// `forecast accuracy` for a terminal: the verdict, what was and was not scored, and the
/// figures over the window and overall.
public enum AccuracyText {
    public static func lines(_ report: AccuracyReport) -> [String] {
        var lines = [report.headline]
        let unscored = report.unscored
        var counts = ["\(report.scoredDays) scored day\(report.scoredDays == 1 ? "" : "s")"]
        if unscored.withoutForecastDate > 0 {
            counts.append("\(unscored.withoutForecastDate) line\(unscored.withoutForecastDate == 1 ? "" : "s") without forecast_date "
                + "(five-column log) skipped")
        }
        if unscored.superseded > 0 {
            counts.append("\(unscored.superseded) forecast\(unscored.superseded == 1 ? "" : "s") replaced by a later one for the same day")
        }
        if unscored.awaitingActual > 0 {
            counts.append("\(unscored.awaitingActual) awaiting \(unscored.awaitingActual == 1 ? "its" : "their") actual")
        }
        if unscored.outsideFeatures > 0 { counts.append("\(unscored.outsideFeatures) before the features file starts") }
        lines.append(counts.joined(separator: "; "))
        guard let window = report.window, let overall = report.overall else { return lines }
        let widths = [22, 6, 10, 10, 10, 10, 17, 16]
        func row(_ cells: [String]) -> String {
            zip(cells, widths).enumerated().map { index, pair in
                let padding = String(repeating: " ", count: max(pair.1 - pair.0.count, 1))
                return index == 0 ? pair.0 + padding : padding + pair.0
            }.joined()
        }
        lines.append(row(["", "days", "MAE", "RMSE", "bias", "coverage", "persistence MAE", "7-day mean MAE"]))
        for (label, metrics) in [("last \(report.windowDays) scored days", window), ("overall", overall)] {
            lines.append(row([label, String(metrics.days), money(metrics.mae), money(metrics.rmse), money(metrics.bias),
                              NumberFormat.grouped(metrics.coverage * 100, decimals: 1) + " %",
                              money(metrics.baselines[AccuracyMetrics.persistence]!.mae),
                              money(metrics.baselines[AccuracyMetrics.movingAverage7d]!.mae)]))
        }
        return lines
    }

    static func money(_ value: Double) -> String { NumberFormat.grouped(value, decimals: 0) }
}
