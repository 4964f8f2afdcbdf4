import Drift
import ForecastData
import Foundation

/// `forecast drift`: the logged inputs against the training features, written as
/// `drift.json` and `drift.html` in the output folder.
public enum DriftMonitor {
    /// What the command prints.
    public struct Outcome: Sendable {
        public let report: DriftReport
        /// `report` as written to drift.json.
        public let json: String
        /// The verdict for a terminal.
        public let textLines: [String]
        public let malformedLines: Int
    }

    /// Compares the last `window` predictions (all when nil) of the logs with the features file.
    public static func run(logValues: [String], referencePath: String, window: Int?, outputDirectory: String,
                           now: Date = Date()) throws -> Outcome {
        let paths = try LogPaths.expand(logValues)
        let log = try PredictionLogReader.read(paths: paths)
        guard log.count > 0 else { throw MonitoringError.noPredictions(paths: paths, malformedLines: log.malformedLines) }
        let reference = try FeaturesFile.read(from: referencePath)
        guard !reference.isEmpty else { throw MonitoringError.emptyFeatures(path: referencePath) }

        var rows = log.timeOrder()
        if let window, rows.count > window { rows = Array(rows.suffix(window)) }
        let current = (revenue: rows.map { log.revenues[$0] }, orders: rows.map { log.orderCounts[$0] })
        let referenceRevenue = reference.map(\.revenue)
        let referenceOrders = reference.map { Double($0.orderCount) }
        let features = [
            try FeatureDrift.evaluate(feature: "ca_total", reference: referenceRevenue, current: current.revenue),
            try FeatureDrift.evaluate(feature: "nb_commandes", reference: referenceOrders, current: current.orders),
        ]
        let report = DriftReport(features: features, referencePath: referencePath, logPaths: paths, currentCount: rows.count,
                                 malformedLines: log.malformedLines, window: window)
        let json = try report.json()
        try AtomicFile.write(json + "\n", to: outputDirectory + "/drift.json")
        let page = DriftPage.make(report: report,
                                  reference: ["ca_total": referenceRevenue, "nb_commandes": referenceOrders],
                                  current: ["ca_total": current.revenue, "nb_commandes": current.orders],
                                  generatedAt: now)
        try AtomicFile.write(page.render(), to: outputDirectory + "/drift.html")
        return Outcome(report: report, json: json, textLines: DriftPage.textLines(report), malformedLines: log.malformedLines)
    }
}
