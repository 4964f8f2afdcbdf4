import Charts
import Drift
import Foundation

/// `reports/drift.html` and the plain-text verdict of `forecast drift`.
enum DriftPage {
    static let units = ["ca_total": "revenue of the day, ca_total (€)", "nb_commandes": "orders of the day, nb_commandes (count)"]

    static func make(report: DriftReport, reference: [String: [Double]], current: [String: [Double]],
                     generatedAt: Date) -> HTMLPage {
        var body: [MarkupNode] = [HTMLPage.heading("Data drift", level: 1)]
        let window = report.window.map { ", the last \($0) by time" } ?? ""
        body.append(HTMLPage.paragraph(
            "Generated \(ISO8601DateFormatter().string(from: generatedAt)): \(report.logPaths.joined(separator: ", "))"
                + " (\(NumberFormat.grouped(Double(report.currentCount), decimals: 0)) predictions compared\(window); \(report.malformedLines) malformed lines skipped)"
                + " against \(report.referencePath).", className: "meta"))
        body.append(report.driftDetected
            ? HTMLPage.paragraph("Drift detected in " + report.features.filter(\.drifted).map(\.feature).joined(separator: ", ") + ".",
                                 className: "drift")
            : HTMLPage.paragraph("No drift detected.", className: "ok"))
        body.append(HTMLPage.paragraph("Rule (Evidently's default): " + report.rule + ". PSI is shown for information."))
        let rows = report.features.map { feature -> [String] in
            [feature.feature, feature.method == .kolmogorovSmirnov ? "KS p-value" : "Wasserstein / std",
             format(feature.score), (feature.method == .kolmogorovSmirnov ? "≤ " : "≥ ") + String(feature.threshold),
             feature.drifted ? "drift" : "no drift", format(feature.ksStatistic), format(feature.ksPValue),
             format(feature.wassersteinNormalized), format(feature.psi),
             NumberFormat.figure(feature.referenceMean), NumberFormat.figure(feature.currentMean)]
        }
        body.append(HTMLPage.table(
            headers: ["feature", "test", "score", "drift when", "verdict", "KS D", "KS p", "Wasserstein / std", "PSI",
                      "reference mean", "current mean"],
            rows: rows, numeric: [2, 5, 6, 7, 8, 9, 10]))
        body.append(HTMLPage.heading("Distributions"))
        body.append(HTMLPage.grid(report.features.map { feature in
            let chart = HistogramChart(
                title: "\(feature.feature): training vs logged",
                subtitle: feature.drifted ? "drift detected" : "no drift detected",
                xTitle: units[feature.feature] ?? feature.feature,
                samples: [.init(name: "training features", values: reference[feature.feature] ?? []),
                          .init(name: "prediction log", values: current[feature.feature] ?? [])])
            return HTMLPage.figure(svg: chart.render(), caption: "Share of rows per bin; overlapping bars mean similar distributions.")
        }))
        return HTMLPage(title: "RevenueForecast data drift", body: body)
    }

    /// The verdict for a terminal: one line per feature, then the overall answer.
    static func textLines(_ report: DriftReport) -> [String] {
        var lines = ["feature       test                score         drift when    verdict"]
        for feature in report.features {
            let test = feature.method == .kolmogorovSmirnov ? "KS p-value" : "Wasserstein / std"
            let when = (feature.method == .kolmogorovSmirnov ? "<= " : ">= ") + String(feature.threshold)
            lines.append(pad(feature.feature, 14) + pad(test, 20) + pad(format(feature.score), 14) + pad(when, 14)
                + (feature.drifted ? "DRIFT" : "ok"))
        }
        lines.append(report.driftDetected ? "drift detected" : "no drift detected")
        return lines
    }

    static func format(_ value: Double) -> String {
        if value == 0 { return "0" }
        if value != 0, abs(value) < 0.001 { return String(format: "%.3g", value) }
        return String(format: "%.4f", value)
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
}
