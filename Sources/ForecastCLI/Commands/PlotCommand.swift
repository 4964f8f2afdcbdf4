/// `forecast plot`: Draw SVG charts and an HTML report from the prediction log.
enum PlotCommand: Command {
    static let configuration = CommandConfiguration(
        name: "plot",
        abstract: "Draw SVG charts and an HTML report from the prediction log.",
        options: [
            OptionSpec("log", value: "PATH", help: "Prediction log.", default: "data/predictions_log.csv", repeatable: true),
            OptionSpec("output-dir", value: "DIR", help: "Where to write the report.", default: "reports"),
        ]
    )

    static func run(_ options: ParsedOptions, console: Console) throws -> ExitCode {
        throw CLIError.failure("'forecast plot' is not built yet")
    }
}
