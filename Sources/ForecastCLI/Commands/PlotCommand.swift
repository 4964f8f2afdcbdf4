import Charts
import Monitoring

/// `forecast plot`: Draw SVG charts and an HTML report from the prediction log.
enum PlotCommand: Command {
    static let configuration = CommandConfiguration(
        name: "plot",
        abstract: "Draw SVG charts and an HTML report from the prediction log.",
        discussion: """
            Reads one or several prediction logs (one per server replica: repeat --log or give a
            pattern such as 'data/predictions_log*.csv') and writes SVG charts and index.html to
            the output folder. Malformed log lines are skipped and counted in the report. When
            the features file (--reference) exists, the forecasts are also scored against the
            actual revenue of their day, as 'forecast accuracy' does (accuracy.json and the first
            line of index.html). When the explanations log (--explanations) holds explained forecasts,
            contributions.svg shows the mean absolute contribution of each feature.
            """,
        usage: LogOption.usage,
        arguments: [LogOption.argument],
        options: [
            LogOption.spec,
            OptionSpec("reference", value: "PATH", help: "Daily features: training range of anomalies, actual revenue for accuracy.",
                       default: "data/processed/features_daily.csv", group: "Input"),
            OptionSpec("models-dir", value: "DIR", help: "Model registry, for the model charts.", default: "models",
                       group: "Input"),
            ExplanationsOption.spec,
            OptionSpec("output-dir", value: "DIR", help: "Where to write the charts and index.html.", default: "reports",
                       group: "Output"),
        ]
    )

    static func run(_ options: ParsedOptions, console: Console) throws -> ExitCode {
        let request = MonitoringReport.Request(
            logValues: LogOption.values(options),
            featuresPath: options.string("reference") ?? "data/processed/features_daily.csv",
            featuresRequired: options.string("reference") != nil,
            modelsDirectory: options.string("models-dir") ?? "models",
            outputDirectory: options.string("output-dir") ?? "reports",
            explanationsPath: ExplanationsOption.value(options))
        let outcome = try MonitoringReport.plot(request)
        if let warning = outcome.warning { console.err("warning: " + warning) }
        let count = outcome.predictionCount, files = outcome.logPaths.count, malformed = outcome.malformedLines
        console.err("read \(NumberFormat.grouped(Double(count), decimals: 0)) prediction\(count == 1 ? "" : "s") from \(files) log file\(files == 1 ? "" : "s")"
            + (malformed > 0 ? ", skipped \(malformed) malformed line\(malformed == 1 ? "" : "s")" : ""))
        console.err("\(outcome.anomalyCount) anomal\(outcome.anomalyCount == 1 ? "y" : "ies"); wrote \(outcome.chartCount) charts")
        if let accuracy = outcome.accuracy { console.err(accuracy.headline) }
        console.out(outcome.indexPath)
        return .success
    }
}
