import Charts
import ForecastData
import Foundation
import ModelRegistry

/// What `forecast plot` and `forecast accuracy` write to the output folder, built once for
/// both so `reports/index.html` is one page: the accuracy verdict as its first line and the
/// accuracy section (when the features file is there), the log's figures and charts, the model.
public enum MonitoringReport {
    /// Where to read and write.
    public struct Request: Sendable {
        /// `--log` values: paths or shell-style patterns.
        public var logValues: [String]
        /// The features file: actual revenue for accuracy, training range for anomalies.
        public var featuresPath: String
        /// The features file was named on the command line: it must then be readable.
        public var featuresRequired: Bool
        public var modelsDirectory: String
        public var outputDirectory: String
        /// The last N scored days make the accuracy window.
        public var windowDays: Int
        /// The explanations log of `forecast serve`: absent or empty leaves its chart out.
        public var explanationsPath: String

        public init(logValues: [String], featuresPath: String, featuresRequired: Bool, modelsDirectory: String,
                    outputDirectory: String, windowDays: Int = AccuracyReport.defaultWindow,
                    explanationsPath: String = "data/explanations_log.csv") {
            self.logValues = logValues
            self.featuresPath = featuresPath
            self.featuresRequired = featuresRequired
            self.modelsDirectory = modelsDirectory
            self.outputDirectory = outputDirectory
            self.windowDays = windowDays
            self.explanationsPath = explanationsPath
        }
    }

    /// What was read and written, for the command's summary lines.
    public struct Outcome: Sendable {
        public let indexPath: String
        public let logPaths: [String]
        public let predictionCount: Int
        public let malformedLines: Int
        public let anomalyCount: Int
        public let chartCount: Int
        /// A problem worth a line on stderr that did not stop the report (an unreadable model).
        public let warning: String?
        /// nil when there was no features file to score against (`forecast plot` only).
        public let accuracy: AccuracyReport?
        /// `accuracy` as written to accuracy.json.
        public let accuracyJSON: String?
    }

    /// `forecast plot`: a log without any prediction is an error; the accuracy section is
    /// added when the features file exists.
    public static func plot(_ request: Request, now: Date = Date()) throws -> Outcome {
        let paths = try LogPaths.expand(request.logValues)
        let log = try PredictionLogReader.read(paths: paths)
        guard log.count > 0 else { throw MonitoringError.noPredictions(paths: paths, malformedLines: log.malformedLines) }
        let records = try readFeatures(request.featuresPath, required: request.featuresRequired)
        return try write(request, paths: paths, log: log, records: records, now: now)
    }

    /// `forecast accuracy`: the features file is required; a log with nothing to score yet
    /// still gives a report that says so.
    public static func accuracy(_ request: Request, now: Date = Date()) throws -> Outcome {
        let paths = try LogPaths.expand(request.logValues)
        let log = try PredictionLogReader.read(paths: paths)
        let records = try readFeatures(request.featuresPath, required: true)
        return try write(request, paths: paths, log: log, records: records, now: now)
    }

    /// The features file's rows; nil when it is optional and missing.
    static func readFeatures(_ path: String, required: Bool) throws -> [DailyRecord]? {
        do {
            return try FeaturesFile.read(from: path)
        } catch where !required && error is FileError {
            return nil
        }
    }

    static func write(_ request: Request, paths: [String], log: PredictionLogData, records: [DailyRecord]?,
                      now: Date) throws -> Outcome {
        let output = request.outputDirectory
        let model = ModelSection.make(modelsDirectory: request.modelsDirectory)
        let summary = PredictionSummary(log, order: log.timeOrder(),
                                        trainingRange: TrainingRange.of(records, model: model.model))
        let charts = PredictionCharts.make(log)
        let contributions = ContributionSection.make(try ExplanationsLogReader.read(path: request.explanationsPath),
                                                     path: request.explanationsPath)
        var accuracy: IndexPage.Accuracy?
        var accuracyCharts: [ReportChart] = []
        var accuracyJSON: String?
        if let records {
            let history = DailyHistory(records: records)
            let join = ForecastJoin(log: log, history: history)
            let report = AccuracyReport(join: join, log: log, history: history, windowDays: request.windowDays,
                                        logPaths: paths, featuresPath: request.featuresPath)
            let awaiting = join.awaitingActual.map { row in
                (day: Int(log.forecastDays[row]), prediction: log.predictions[row], lower: log.lowers[row], upper: log.uppers[row])
            }
            accuracyCharts = report.scoredDays > 0 ? AccuracySection.charts(report, awaiting: awaiting) : []
            accuracy = IndexPage.Accuracy(report: report, nodes: AccuracySection.nodes(report, charts: accuracyCharts))
            let json = try report.json()
            try AtomicFile.write(json + "\n", to: output + "/accuracy.json")
            accuracyJSON = json
        }
        let allCharts = accuracyCharts + charts + (contributions.chart.map { [$0] } ?? []) + model.charts
        for chart in allCharts {
            try AtomicFile.write(chart.document.render(), to: output + "/" + chart.fileName)
        }
        let page = IndexPage.make(log: log, summary: summary, charts: charts, contributionSection: contributions.nodes,
                                  modelSection: model.nodes, accuracy: accuracy,
                                  generatedAt: now, hasDriftReport: FileManager.default.fileExists(atPath: output + "/drift.html"))
        let indexPath = output + "/index.html"
        try AtomicFile.write(page.render(), to: indexPath)
        return Outcome(indexPath: indexPath, logPaths: paths, predictionCount: log.count, malformedLines: log.malformedLines,
                       anomalyCount: summary.anomalies.count, chartCount: allCharts.count,
                       warning: model.warning, accuracy: accuracy?.report, accuracyJSON: accuracyJSON)
    }
}
