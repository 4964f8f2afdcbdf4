import Charts
import ForecastData
import Foundation

/// `forecast plot`: Draw SVG charts and an HTML report from the prediction log.
enum PlotCommand: Command {
    static let configuration = CommandConfiguration(
        name: "plot",
        abstract: "Draw SVG charts and an HTML report from the prediction log.",
        discussion: """
            Reads one or several prediction logs (one per server replica: repeat --log or give a
            pattern such as 'data/predictions_log*.csv') and writes SVG charts and index.html to
            the output folder. Malformed log lines are skipped and counted in the report.
            """,
        options: [
            OptionSpec("log", value: "PATH", help: "Prediction log; repeat it or use a pattern for several.",
                       default: "data/predictions_log.csv", group: "Input", repeatable: true),
            OptionSpec("reference", value: "PATH", help: "Training features, for the training range of anomalies.",
                       default: "data/processed/features_daily.csv", group: "Input"),
            OptionSpec("models-dir", value: "DIR", help: "Model registry, for the model charts.", default: "models",
                       group: "Input"),
            OptionSpec("output-dir", value: "DIR", help: "Where to write the charts and index.html.", default: "reports",
                       group: "Output"),
        ]
    )

    static func run(_ options: ParsedOptions, console: Console) throws -> ExitCode {
        let logValues = options.strings("log").isEmpty ? ["data/predictions_log.csv"] : options.strings("log")
        let referencePath = options.string("reference") ?? "data/processed/features_daily.csv"
        let outputDirectory = options.string("output-dir") ?? "reports"
        let paths = try PlotLogPaths.expand(logValues)
        let log = try PlotLogReader.read(paths: paths)
        try requirePredictions(log, paths: paths)

        let model = PlotModelSection.make(modelsDirectory: options.string("models-dir") ?? "models")
        let trainingRange = try PlotTrainingRange.read(referencePath, explicit: options.string("reference") != nil,
                                                       model: model.model)
        let order = log.timeOrder()
        let summary = PlotSummary(log, order: order, trainingRange: trainingRange)
        let charts = PlotCharts.make(log)
        for chart in charts + model.charts {
            try AtomicFile.write(chart.document.render(), to: outputDirectory + "/" + chart.fileName)
        }
        let page = PlotIndexPage.make(log: log, summary: summary, charts: charts, modelSection: model.nodes, generatedAt: Date(),
                                      hasDriftReport: FileManager.default.fileExists(atPath: outputDirectory + "/drift.html"))
        let indexPath = outputDirectory + "/index.html"
        try AtomicFile.write(page.render(), to: indexPath)

        if let warning = model.warning { console.err("warning: " + warning) }
        console.err("read \(NumberFormat.grouped(Double(log.count), decimals: 0)) prediction\(log.count == 1 ? "" : "s") from \(paths.count) log file\(paths.count == 1 ? "" : "s")"
            + (log.malformedLines > 0 ? ", skipped \(log.malformedLines) malformed line\(log.malformedLines == 1 ? "" : "s")" : ""))
        console.err("\(summary.anomalies.count) anomal\(summary.anomalies.count == 1 ? "y" : "ies"); wrote \(charts.count + model.charts.count) charts")
        console.out(indexPath)
        return .success
    }

    /// A log with no prediction is a failure with a clear next step (issue 5: exit 1).
    static func requirePredictions(_ log: PlotLogData, paths: [String]) throws {
        guard log.count == 0 else { return }
        let names = paths.joined(separator: ", ")
        if log.malformedLines > 0 {
            throw CLIError.failure("\(names) holds no readable prediction (\(log.malformedLines) malformed line\(log.malformedLines == 1 ? "" : "s")); check that it is a prediction log (header \(PredictionLogEntry.header))")
        }
        throw CLIError.failure("\(names) holds no prediction yet; run 'forecast serve' and POST /predict, then try again")
    }
}
