/// `forecast drift`: Tell whether logged inputs have drifted from the training data.
enum DriftCommand: Command {
    static let configuration = CommandConfiguration(
        name: "drift",
        abstract: "Tell whether logged inputs have drifted from the training data.",
        options: [
            OptionSpec("log", value: "PATH", help: "Prediction log.", default: "data/predictions_log.csv"),
            OptionSpec("reference", value: "PATH", help: "Training features.", default: "data/processed/features_daily.csv"),
            OptionSpec("output-dir", value: "DIR", help: "Where to write drift.html and drift.json.", default: "reports"),
            OptionSpec.flag("json", help: "Print the report as JSON on stdout."),
        ]
    )

    static func run(_ options: ParsedOptions, console: Console) throws -> ExitCode {
        throw CLIError.failure("'forecast drift' is not built yet")
    }
}
