/// `forecast train`: Train the random forest and register a new model version.
enum TrainCommand: Command {
    static let configuration = CommandConfiguration(
        name: "train",
        abstract: "Train the random forest and register a new model version.",
        options: [
            OptionSpec("features", value: "PATH", help: "Daily features CSV.", default: "data/processed/features_daily.csv"),
            OptionSpec("trees", value: "N", help: "Number of trees.", default: "200"),
            OptionSpec("seed", value: "N", help: "Random seed.", default: "42"),
            OptionSpec.flag("json", help: "Print one JSON object on stdout."),
        ]
    )

    static func run(_ options: ParsedOptions, console: Console) throws -> ExitCode {
        throw CLIError.failure("'forecast train' is not built yet")
    }
}
