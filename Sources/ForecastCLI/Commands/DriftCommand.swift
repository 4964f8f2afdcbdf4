import Monitoring

/// `forecast drift`: Tell whether logged inputs have drifted from the training data.
enum DriftCommand: Command {
    static let configuration = CommandConfiguration(
        name: "drift",
        abstract: "Tell whether logged inputs have drifted from the training data.",
        discussion: """
            Compares the inputs logged by the server (ca_total, nb_commandes) with the training
            features, per feature, as Evidently does by default: with a reference of at most
            1,000 rows the Kolmogorov-Smirnov test decides (drift when p <= 0.05), above that the
            Wasserstein distance divided by the reference's standard deviation (drift when >= 0.1).
            PSI is reported alongside. Writes drift.html and drift.json to the output folder.
            Exit status: 0 no drift, 3 drift found, 1 failure (missing or empty log, bad reference).
            """,
        usage: LogOption.usage,
        arguments: [LogOption.argument],
        options: [
            LogOption.spec,
            OptionSpec("reference", value: "PATH", help: "Training features.", default: "data/processed/features_daily.csv",
                       group: "Input"),
            OptionSpec("window", value: "N", help: "Compare only the last N predictions (by time).", group: "Input"),
            OptionSpec("output-dir", value: "DIR", help: "Where to write drift.html and drift.json.", default: "reports",
                       group: "Output"),
            OptionSpec.flag("json", help: "Print the report as JSON on stdout.", group: "Output"),
        ]
    )

    static func run(_ options: ParsedOptions, console: Console) throws -> ExitCode {
        let logValues = LogOption.values(options)
        let outputDirectory = options.string("output-dir") ?? "reports"
        let window = try options.int("window", in: 1...Int.max)
        let outcome = try DriftMonitor.run(logValues: logValues,
                                           referencePath: options.string("reference") ?? "data/processed/features_daily.csv",
                                           window: window, outputDirectory: outputDirectory)
        if options.flag("json") {
            console.out(outcome.json)
        } else {
            for line in outcome.textLines { console.out(line) }
        }
        if outcome.malformedLines > 0 {
            console.err("skipped \(outcome.malformedLines) malformed log line\(outcome.malformedLines == 1 ? "" : "s")")
        }
        console.err("wrote \(outputDirectory)/drift.html and \(outputDirectory)/drift.json")
        return outcome.report.driftDetected ? .driftFound : .success
    }
}
