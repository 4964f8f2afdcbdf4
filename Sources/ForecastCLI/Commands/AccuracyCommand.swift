import Monitoring

/// `forecast accuracy`: Score the logged forecasts against the revenue that happened.
enum AccuracyCommand: Command {
    static let configuration = CommandConfiguration(
        name: "accuracy",
        abstract: "Score the logged forecasts against the revenue that happened.",
        discussion: """
            Joins each logged forecast with the actual revenue of its forecast_date from the
            features file (the last row's label is the revenue of the day after it). When a day
            was forecast several times, the last forecast logged counts. Reports MAE, RMSE, bias
            and coverage (share of actuals inside the logged interval) over the last N scored
            days and overall, beside persistence and the 7-day mean on the same days. Lines of a
            five-column log have no forecast_date and are counted, not scored. Writes
            accuracy.json, the accuracy charts and index.html (as 'forecast plot' does).
            Exit status: 0 the model did at least as well as the best naive rule over the window
            (or nothing to score yet), 4 it did worse (retrain or roll back), 1 failure (missing
            log or features file, unwritable output), 2 bad usage.
            """,
        usage: LogOption.usage,
        arguments: [LogOption.argument],
        options: [
            LogOption.spec,
            OptionSpec("features", value: "PATH", help: "Daily features with the actual revenue.",
                       default: "data/processed/features_daily.csv", group: "Input"),
            OptionSpec("window", value: "N", help: "Score the last N scored days as the window.", default: "28", group: "Input"),
            OptionSpec("models-dir", value: "DIR", help: "Model registry, for the model part of index.html.", default: "models",
                       group: "Input"),
            ExplanationsOption.spec,
            OptionSpec("output-dir", value: "DIR", help: "Where to write accuracy.json, the charts and index.html.",
                       default: "reports", group: "Output"),
            OptionSpec.flag("json", help: "Print the report as JSON on stdout.", group: "Output"),
        ]
    )

    static func run(_ options: ParsedOptions, console: Console) throws -> ExitCode {
        let request = MonitoringReport.Request(
            logValues: LogOption.values(options),
            featuresPath: options.string("features") ?? "data/processed/features_daily.csv",
            featuresRequired: true,
            modelsDirectory: options.string("models-dir") ?? "models",
            outputDirectory: options.string("output-dir") ?? "reports",
            windowDays: try options.int("window", in: 1...100_000) ?? AccuracyReport.defaultWindow,
            explanationsPath: ExplanationsOption.value(options))
        let outcome = try MonitoringReport.accuracy(request)
        guard let report = outcome.accuracy, let json = outcome.accuracyJSON else {
            throw CLIError.failure("no accuracy report was made from \(request.featuresPath); run 'forecast etl' and try again")
        }
        if let warning = outcome.warning { console.err("warning: " + warning) }
        if options.flag("json") {
            console.out(json)
        } else {
            for line in AccuracyText.lines(report) { console.out(line) }
        }
        if outcome.malformedLines > 0 {
            console.err("skipped \(outcome.malformedLines) malformed log line\(outcome.malformedLines == 1 ? "" : "s")")
        }
        console.err("wrote \(request.outputDirectory)/accuracy.json and \(outcome.indexPath)")
        return report.verdict == .worseThanRules ? .worseThanRules : .success
    }
}
