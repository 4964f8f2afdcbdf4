import Charts

/// The "Why the forecasts" part of `reports/index.html`: which features moved the explained
/// forecasts most, from the explanations log. Without explained requests the section is one
/// note, and no chart is written.
enum ContributionSection {
    static let fileName = "contributions.svg"
    /// At most this many features are drawn (a rule's features are days, one per day it averaged).
    static let featureLimit = 20

    static func make(_ summary: ContributionSummary?, path: String) -> (chart: ReportChart?, nodes: [MarkupNode]) {
        let heading = HTMLPage.heading("Why the forecasts")
        guard let summary else {
            return (nil, [heading, HTMLPage.paragraph(
                "No explained forecast in \(path) yet: POST /predict with \"explain\": true to see which features move the forecasts.",
                className: "note")])
        }
        let chart = self.chart(summary)
        return (chart, [heading, HTMLPage.grid([HTMLPage.figure(source: chart.fileName, alt: chart.document.title, caption: chart.caption)])])
    }

    static func chart(_ summary: ContributionSummary) -> ReportChart {
        let shown = summary.features.prefix(featureLimit)
        let requests = NumberFormat.grouped(Double(summary.requestCount), decimals: 0)
            + (summary.requestCount == 1 ? " explained forecast" : " explained forecasts")
        let versions = summary.modelVersions.count == 1
            ? "model " + summary.modelVersions[0]
            : "models " + summary.modelVersions.joined(separator: ", ")
        var chart = BarChart(
            title: "Mean absolute contribution per feature", subtitle: requests + " · " + versions,
            categories: shown.map(\.name), groups: [.init(name: "mean |contribution|", values: shown.map(\.meanAbsolute))],
            valueTitle: "mean |contribution| to the forecast (€)")
        chart.showsValues = true
        // About 40 px per feature, as the importance chart; room for names like revenue_2026-11-30.
        chart.frame = ChartFrame(height: min(max(150 + 40 * Double(shown.count), 260), 900), left: 170)
        let more = summary.features.count > shown.count
            ? " The \(shown.count) largest of \(summary.features.count) features are drawn." : ""
        let caption = "How far each feature moved the forecast, in either direction, averaged over the \(requests) in "
            + "\(summary.path) (\(versions)), largest first. A feature absent from some forecasts is averaged over those it was in." + more
        return ReportChart(fileName: fileName, caption: caption, document: chart.render())
    }
}
