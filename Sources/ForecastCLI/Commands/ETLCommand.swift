/// `forecast etl`: Aggregate transactions into the daily features table.
enum ETLCommand: Command {
    static let configuration = CommandConfiguration(
        name: "etl",
        abstract: "Aggregate transactions into the daily features table.",
        options: [
            OptionSpec("input", value: "PATH", help: "Transactions CSV.", default: "data/raw/ventes_ecommerce.csv"),
            OptionSpec("output", value: "PATH", help: "Daily features CSV.", default: "data/processed/features_daily.csv"),
        ]
    )

    static func run(_ options: ParsedOptions, console: Console) throws -> ExitCode {
        throw CLIError.failure("'forecast etl' is not built yet")
    }
}
