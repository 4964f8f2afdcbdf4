import Charts
import Foundation

/// The log-based charts of `forecast plot`, each with its file name and caption.
/// The first two keep the original notebook's file names.
enum PredictionCharts {
    static let predictionTitle = "predicted revenue for the next day (€)"

    static func make(_ log: PredictionLogData) -> [ReportChart] {
        let perSource = log.sources.filter { !$0.range.isEmpty }
        func series(_ column: [Double], name: String) -> [Series] {
            var lines = perSource.count <= 1
                ? [Series(name: name, x: log.times, y: column)]
                : perSource.map { source in
                    Series(name: URL(fileURLWithPath: source.path).lastPathComponent,
                           x: Array(log.times[source.range]), y: Array(column[source.range]))
                }
            if let trend = PredictionTrend.series(times: log.times, values: column) { lines.append(trend) }
            return lines
        }
        let count = NumberFormat.grouped(Double(log.count), decimals: 0) + (log.count == 1 ? " prediction" : " predictions")
        let replicas = perSource.count > 1 ? ", one line per log file" : ""
        return [
            ReportChart(fileName: "predictions_time_series.svg",
                        caption: "Every logged prediction in time order\(replicas); with many predictions, the thick line is their mean per hour or day.",
                        document: LineChart(title: "Predictions over time", subtitle: "\(count)\(replicas)",
                                            xAxis: .time, yTitle: predictionTitle, series: series(log.predictions, name: "predictions")).render()),
            ReportChart(fileName: "predictions_histogram.svg",
                        caption: "How the predicted values are spread.",
                        document: HistogramChart(title: "Distribution of predictions", subtitle: count,
                                                 xTitle: predictionTitle,
                                                 samples: [.init(name: "predictions", values: log.predictions)],
                                                 countTitle: "predictions").render()),
            ReportChart(fileName: "revenue_vs_prediction.svg",
                        caption: "Input revenue of the day (ca_total) against the prediction for the next day; "
                            + "on the dashed line the model predicts no change.",
                        document: ScatterChart(title: "Revenue of the day vs prediction", subtitle: count,
                                               xTitle: "revenue of the day, ca_total (€)", yTitle: predictionTitle,
                                               series: [Series(name: "predictions", x: log.revenues, y: log.predictions)],
                                               identityLine: "prediction = revenue of the day").render()),
            ReportChart(fileName: "inputs_revenue_time_series.svg",
                        caption: "The ca_total input of each prediction over time.",
                        document: LineChart(title: "Input: revenue of the day over time", subtitle: "ca_total sent to /predict",
                                            xAxis: .time, yTitle: "revenue of the day, ca_total (€)",
                                            series: series(log.revenues, name: "ca_total")).render()),
            ReportChart(fileName: "inputs_orders_time_series.svg",
                        caption: "The nb_commandes input of each prediction over time.",
                        document: LineChart(title: "Input: orders of the day over time", subtitle: "nb_commandes sent to /predict",
                                            xAxis: .time, yTitle: "orders of the day, nb_commandes (count)",
                                            series: series(log.orderCounts, name: "nb_commandes")).render()),
        ]
    }
}
