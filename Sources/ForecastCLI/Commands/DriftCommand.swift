import Charts
import Drift
import ForecastData
import Foundation

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
        options: [
            OptionSpec("log", value: "PATH", help: "Prediction log; repeat it or use a pattern for several.",
                       default: "data/predictions_log.csv", group: "Input", repeatable: true),
            OptionSpec("reference", value: "PATH", help: "Training features.", default: "data/processed/features_daily.csv",
                       group: "Input"),
            OptionSpec("window", value: "N", help: "Compare only the last N predictions (by time).", group: "Input"),
            OptionSpec("output-dir", value: "DIR", help: "Where to write drift.html and drift.json.", default: "reports",
                       group: "Output"),
            OptionSpec.flag("json", help: "Print the report as JSON on stdout.", group: "Output"),
        ]
    )

    static func run(_ options: ParsedOptions, console: Console) throws -> ExitCode {
        let logValues = options.strings("log").isEmpty ? ["data/predictions_log.csv"] : options.strings("log")
        let referencePath = options.string("reference") ?? "data/processed/features_daily.csv"
        let outputDirectory = options.string("output-dir") ?? "reports"
        let window = try options.int("window", in: 1...Int.max)
        let paths = try PlotLogPaths.expand(logValues)
        let log = try PlotLogReader.read(paths: paths)
        try PlotCommand.requirePredictions(log, paths: paths)
        let reference = try FeaturesFile.read(from: referencePath)
        guard !reference.isEmpty else {
            throw CLIError.failure("\(referencePath) has no rows; run 'forecast etl' on more data first")
        }

        var rows = log.timeOrder()
        if let window, rows.count > window { rows = Array(rows.suffix(window)) }
        let current = (revenue: rows.map { log.revenues[$0] }, orders: rows.map { log.orderCounts[$0] })
        let features = [
            try FeatureDrift.evaluate(feature: "ca_total", reference: reference.map(\.revenue), current: current.revenue),
            try FeatureDrift.evaluate(feature: "nb_commandes", reference: reference.map { Double($0.orderCount) },
                                      current: current.orders),
        ]
        let report = DriftReport(features: features, referencePath: referencePath, logPaths: paths, currentCount: rows.count,
                                 malformedLines: log.malformedLines, window: window)
        let json = try report.json()
        try AtomicFile.write(json + "\n", to: outputDirectory + "/drift.json")
        let page = DriftPage.make(report: report,
                                  reference: ["ca_total": reference.map(\.revenue),
                                              "nb_commandes": reference.map { Double($0.orderCount) }],
                                  current: ["ca_total": current.revenue, "nb_commandes": current.orders],
                                  generatedAt: Date())
        try AtomicFile.write(page.render(), to: outputDirectory + "/drift.html")

        if options.flag("json") {
            console.out(json)
        } else {
            for line in DriftPage.textLines(report) { console.out(line) }
        }
        if log.malformedLines > 0 {
            console.err("skipped \(log.malformedLines) malformed log line\(log.malformedLines == 1 ? "" : "s")")
        }
        console.err("wrote \(outputDirectory)/drift.html and \(outputDirectory)/drift.json")
        return report.driftDetected ? .driftFound : .success
    }
}
