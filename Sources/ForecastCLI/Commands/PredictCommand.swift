/// `forecast predict`: Predict tomorrow's revenue with the current model (not logged).
enum PredictCommand: Command {
    static let configuration = CommandConfiguration(
        name: "predict",
        abstract: "Predict tomorrow's revenue with the current model (not logged).",
        options: [
            OptionSpec("ca-total", value: "X", help: "Revenue of the day."),
            OptionSpec("nb-commandes", value: "N", help: "Orders of the day."),
            OptionSpec.flag("json", help: "Print one JSON object on stdout."),
        ]
    )

    static func run(_ options: ParsedOptions, console: Console) throws -> ExitCode {
        throw CLIError.failure("'forecast predict' is not built yet")
    }
}
