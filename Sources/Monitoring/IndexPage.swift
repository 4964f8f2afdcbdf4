import Charts
import Foundation

/// `reports/index.html`: the summary figures, the anomalies and every chart of `forecast plot`.
enum IndexPage {
    /// At most this many anomalies are listed; the total is always given.
    static let anomalyRows = 50

    /// The first line of the page and the accuracy section under it (when the features file
    /// was there to score the forecasts).
    struct Accuracy {
        let report: AccuracyReport
        let nodes: [MarkupNode]
    }

    /// `hasDriftReport`: a drift.html from `forecast drift` sits in the same folder (linked).
    static func make(log: PredictionLogData, summary: PredictionSummary, charts: [ReportChart], contributionSection: [MarkupNode],
                     modelSection: [MarkupNode],
                     accuracy: Accuracy?, generatedAt: Date, hasDriftReport: Bool) -> HTMLPage {
        // The first line says in words whether the model is doing its job (issue 8 §5).
        var body: [MarkupNode]
        if let accuracy {
            let className = switch accuracy.report.verdict {
            case .doingItsJob: "ok"
            case .worseThanRules: "drift"
            case .nothingToScore: "pending"
            }
            body = [.el("h1", [MarkupAttribute("class", "verdict " + className)], text: accuracy.report.headline)]
        } else {
            body = [HTMLPage.heading("RevenueForecast monitoring", level: 1)]
        }
        body.append(HTMLPage.paragraph(sourceLine(log, generatedAt: generatedAt), className: "meta"))
        if hasDriftReport {
            body.append(.el("p", [], [.text("Data drift: "), .el("a", [MarkupAttribute("href", "drift.html")], text: "drift report"),
                                      .text(" (as of the last 'forecast drift' run).")]))
        }
        if let accuracy { body += accuracy.nodes }
        body.append(HTMLPage.heading("Predictions"))
        body.append(HTMLPage.cards(cards(summary.all)))
        if log.count > 0 {
            body.append(HTMLPage.heading("Last 24 hours", level: 3))
            body.append(HTMLPage.paragraph("The 24 hours up to the latest prediction (\(log.timestamp(at: latestRow(log))))."))
            body.append(HTMLPage.cards(cards(summary.lastDay)))
            body += anomalySection(log: log, summary: summary)
        }
        if log.count > 0 {
            body.append(HTMLPage.heading("Charts"))
            body.append(HTMLPage.grid(charts.map { chart in
                HTMLPage.figure(source: chart.fileName, alt: chart.document.title, caption: chart.caption)
            }))
        } else {
            body.append(HTMLPage.paragraph("No prediction logged yet: start 'forecast serve' and POST /predict.", className: "note"))
        }
        body += contributionSection
        body += modelSection
        return HTMLPage(title: "RevenueForecast monitoring", body: body)
    }

    static func latestRow(_ log: PredictionLogData) -> Int {
        log.times.indices.max { log.times[$0] < log.times[$1] } ?? 0
    }

    static func sourceLine(_ log: PredictionLogData, generatedAt: Date) -> String {
        let files = log.sources.map { source in
            var text = "\(source.path) (\(NumberFormat.grouped(Double(source.range.count), decimals: 0)) predictions"
            if source.malformedLines > 0 {
                let lines = source.malformedExamples.map(String.init).joined(separator: ", ")
                let more = source.malformedLines > source.malformedExamples.count ? ", …" : ""
                text += "; \(source.malformedLines) malformed line\(source.malformedLines == 1 ? "" : "s") skipped: line\(source.malformedExamples.count == 1 ? "" : "s") \(lines)\(more)"
            }
            return text + ")"
        }
        let stamp = ISO8601DateFormatter().string(from: generatedAt)
        return "Generated \(stamp) from " + files.joined(separator: ", ") + ". Money in €, times in UTC."
    }

    static func cards(_ figures: PredictionSummary.Figures) -> [(label: String, value: String)] {
        guard figures.count > 0 else { return [("predictions", "0")] }
        return [
            ("predictions", NumberFormat.grouped(Double(figures.count), decimals: 0)),
            ("mean (€)", NumberFormat.figure(figures.mean)),
            ("std (€)", NumberFormat.figure(figures.standardDeviation)),
            ("min (€)", NumberFormat.figure(figures.minimum)),
            ("max (€)", NumberFormat.figure(figures.maximum)),
        ]
    }

    static func anomalySection(log: PredictionLogData, summary: PredictionSummary) -> [MarkupNode] {
        var nodes = [HTMLPage.heading("Anomalies")]
        var rule = "A prediction is listed when it is more than 3 σ from the mean"
        if let range = summary.trainingRange {
            rule += " or outside the training range (\(NumberFormat.figure(range.lowerBound)) to \(NumberFormat.figure(range.upperBound)) €)"
        } else {
            rule += " (training range unknown: no features file, run 'forecast etl')"
        }
        nodes.append(HTMLPage.paragraph(rule + "."))
        guard !summary.anomalies.isEmpty else {
            nodes.append(HTMLPage.paragraph("None found.", className: "ok"))
            return nodes
        }
        let total = summary.anomalies.count
        let shown = summary.anomalies.prefix(anomalyRows)
        nodes.append(HTMLPage.paragraph("\(NumberFormat.grouped(Double(total), decimals: 0)) anomal\(total == 1 ? "y" : "ies")"
            + (total > anomalyRows ? "; the first \(anomalyRows) are listed." : "."), className: "drift"))
        let rows = shown.map { anomaly -> [String] in
            let row = anomaly.row
            return [log.timestamp(at: row), NumberFormat.grouped(log.revenues[row], decimals: 2),
                    NumberFormat.grouped(log.orderCounts[row], decimals: 0), NumberFormat.grouped(log.predictions[row], decimals: 2),
                    log.version(at: row), anomaly.reasons.map(\.rawValue).joined(separator: "; ")]
        }
        nodes.append(HTMLPage.table(headers: ["timestamp (UTC)", "ca_total (€)", "nb_commandes", "prediction (€)", "model version", "why"],
                                    rows: rows, numeric: [1, 2, 3]))
        return nodes
    }
}
