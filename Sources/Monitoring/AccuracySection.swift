import Charts
import ForecastData

/// The accuracy part of `reports/index.html` (issue 8 §5): forecast vs actual with the
/// interval as a band, the rolling MAE beside the naive rules', the rolling coverage, and the
/// figures over the window and overall.
enum AccuracySection {
    /// The rolling lines start once this many days are scored, so one lucky day is not drawn
    /// as a trend.
    static let rollingStart = 7
    /// The interval is the 10th to 90th percentile of the trees: 80 % if it were calibrated.
    static let nominalCoverage = 0.8

    /// Seconds since 1970 at the start of a day (the charts' time axis).
    static func seconds(_ day: Int) -> Double { Double(day) * 86_400 }

    static func charts(_ report: AccuracyReport, awaiting: [(day: Int, prediction: Double, lower: Double, upper: Double)])
        -> [ReportChart] {
        let days = report.days.compactMap { day in Day(iso: day.forecastDate).map { (ordinal: $0.ordinal, day: day) } }
        let x = days.map { seconds($0.ordinal) }
        let forecastX = x + awaiting.map { seconds($0.day) }
        var vsActual = LineChart(
            title: "Forecast vs actual revenue",
            subtitle: "\(report.scoredDays) scored day\(report.scoredDays == 1 ? "" : "s")"
                + (awaiting.isEmpty ? "" : ", \(awaiting.count) awaiting their actual"),
            xAxis: .time, yTitle: "revenue of the forecast day (€)",
            series: [Series(name: "forecast served", x: forecastX, y: days.map(\.day.prediction) + awaiting.map(\.prediction)),
                     Series(name: "actual", x: x, y: days.map(\.day.actual))])
        vsActual.bands = [Band(name: "served interval", x: forecastX,
                               low: days.map(\.day.lower) + awaiting.map(\.lower),
                               high: days.map(\.day.upper) + awaiting.map(\.upper))]

        let window = report.windowDays
        let served = rolling(days.map { abs($0.day.prediction - $0.day.actual) }, window: window)
        let persistence = rolling(days.map { abs($0.day.persistence - $0.day.actual) }, window: window)
        let moving = rolling(days.map { abs($0.day.movingAverage7d - $0.day.actual) }, window: window)
        let first = min(rollingStart, days.count) - 1
        let rollingX = first >= 0 ? Array(x[first...]) : []
        func tail(_ values: [Double]) -> [Double] { first >= 0 ? Array(values[first...]) : [] }
        let mae = LineChart(
            title: "Rolling mean absolute error", subtitle: "over the last \(window) scored days at each day (lower is better)",
            xAxis: .time, yTitle: "MAE (€)",
            series: [Series(name: "model (served)", x: rollingX, y: tail(served)),
                     Series(name: "persistence", x: rollingX, y: tail(persistence)),
                     Series(name: "7-day mean", x: rollingX, y: tail(moving))])

        let inside = days.map { $0.day.lower <= $0.day.actual && $0.day.actual <= $0.day.upper ? 100.0 : 0 }
        var nominal = Series(name: "80 % if calibrated", x: rollingX.isEmpty ? [] : [rollingX[0], rollingX[rollingX.count - 1]],
                             y: [nominalCoverage * 100, nominalCoverage * 100])
        nominal.dashed = true
        let coverage = LineChart(
            title: "Interval coverage", subtitle: "share of actuals inside the served interval, over the last \(window) scored days",
            xAxis: .time, yTitle: "actuals inside the interval (%)",
            series: [Series(name: "coverage", x: rollingX, y: tail(rolling(inside, window: window))), nominal])
        return [
            ReportChart(fileName: "accuracy_forecast_vs_actual.svg",
                        caption: "Each forecast day: the forecast the server gave (the last one logged for that day), its interval "
                            + "as a band, and the revenue that happened (from the features file).",
                        document: vsActual.render()),
            ReportChart(fileName: "accuracy_rolling_mae.svg",
                        caption: "Mean absolute error over a sliding window of scored days: the model against persistence "
                            + "(tomorrow = today) and the 7-day mean on the same days. The model should stay below both.",
                        document: mae.render()),
            ReportChart(fileName: "accuracy_coverage.svg",
                        caption: "How often the actual fell inside the served interval. The interval spans the trees' "
                            + "10th to 90th percentiles: a measure of disagreement, not a calibrated 80 % interval.",
                        document: coverage.render()),
        ]
    }

    /// The mean of the last `window` values at each position (fewer at the start).
    static func rolling(_ values: [Double], window: Int) -> [Double] {
        var result: [Double] = []
        result.reserveCapacity(values.count)
        var total = 0.0
        for index in values.indices {
            total += values[index]
            if index >= window { total -= values[index - window] }
            result.append(total / Double(min(index + 1, window)))
        }
        return result
    }

    /// The section's page nodes: the figures, the table, the charts.
    static func nodes(_ report: AccuracyReport, charts: [ReportChart]) -> [MarkupNode] {
        var nodes = [HTMLPage.heading("Forecast accuracy")]
        let unscored = report.unscored
        var notes: [String] = []
        if unscored.withoutForecastDate > 0 {
            let count = unscored.withoutForecastDate
            notes.append("\(grouped(count)) line\(count == 1 ? "" : "s") without a forecast date (five-column log) cannot be scored")
        }
        if unscored.superseded > 0 {
            notes.append("\(grouped(unscored.superseded)) replaced by a later forecast for the same day (the last one logged counts)")
        }
        if unscored.awaitingActual > 0 {
            let count = unscored.awaitingActual
            notes.append(count == 1 ? "1 awaits its actual revenue" : "\(grouped(count)) await their actual revenue")
        }
        if unscored.outsideFeatures > 0 { notes.append("\(grouped(unscored.outsideFeatures)) forecast days before the features file starts") }
        let until = report.actualsUntil.map { " (actual revenue known until \($0))" } ?? ""
        nodes.append(HTMLPage.paragraph(
            "Logged forecasts joined with the actual revenue of their forecast day from \(report.featuresPath)\(until): "
                + "\(grouped(report.scoredDays)) scored day\(report.scoredDays == 1 ? "" : "s")"
                + (notes.isEmpty ? "." : "; " + notes.joined(separator: "; ") + ".")))
        guard let window = report.window, let overall = report.overall else {
            nodes.append(HTMLPage.paragraph("Nothing to score yet: come back once 'forecast etl' has run on the export of a forecast day.",
                                            className: "note"))
            return nodes
        }
        nodes.append(HTMLPage.cards([
            ("MAE, last \(window.days) days (€)", NumberFormat.figure(window.mae)),
            ("persistence MAE (€)", NumberFormat.figure(window.baselines[AccuracyMetrics.persistence]!.mae)),
            ("7-day mean MAE (€)", NumberFormat.figure(window.baselines[AccuracyMetrics.movingAverage7d]!.mae)),
            ("bias (€)", NumberFormat.figure(window.bias)),
            ("coverage", percent(window.coverage)),
        ]))
        func row(_ label: String, _ metrics: AccuracyMetrics) -> [String] {
            let persistence = metrics.baselines[AccuracyMetrics.persistence]!
            let moving = metrics.baselines[AccuracyMetrics.movingAverage7d]!
            return [label, "\(metrics.firstDay) to \(metrics.lastDay)", grouped(metrics.days), NumberFormat.figure(metrics.mae),
                    NumberFormat.figure(metrics.rmse), NumberFormat.figure(metrics.bias), percent(metrics.coverage),
                    NumberFormat.figure(persistence.mae), NumberFormat.figure(moving.mae)]
        }
        nodes.append(HTMLPage.table(
            headers: ["span", "forecast days", "days", "MAE (€)", "RMSE (€)", "bias (€)", "coverage", "persistence MAE (€)",
                      "7-day mean MAE (€)"],
            rows: [row("last \(report.windowDays) scored days", window), row("overall", overall)],
            numeric: [2, 3, 4, 5, 6, 7, 8]))
        nodes.append(HTMLPage.paragraph("Bias is the mean of forecast − actual: above 0 the forecasts were too high. "
            + "Persistence forecasts the revenue of the day the request described; the 7-day mean, the mean of the 7 days ending on it."))
        nodes.append(HTMLPage.grid(charts.map { HTMLPage.figure(source: $0.fileName, alt: $0.document.title, caption: $0.caption) }))
        return nodes
    }

    static func grouped(_ count: Int) -> String { NumberFormat.grouped(Double(count), decimals: 0) }

    static func percent(_ share: Double) -> String { NumberFormat.grouped(share * 100, decimals: 1) + " %" }
}
