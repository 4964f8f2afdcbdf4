/// `forecast generate`: Write seeded synthetic e-commerce transactions.
enum GenerateCommand: Command {
    static let configuration = CommandConfiguration(
        name: "generate",
        abstract: "Write seeded synthetic e-commerce transactions.",
        options: [
            OptionSpec("output", value: "PATH", help: "Where to write the CSV.", default: "data/raw/ventes_ecommerce.csv"),
            OptionSpec("days", value: "N", help: "Number of days to generate.", default: "730"),
            OptionSpec("start", value: "YYYY-MM-DD", help: "First day.", default: "2024-01-01"),
            OptionSpec("seed", value: "N", help: "Random seed: the same seed gives the same bytes.", default: "42"),
        ]
    )

    static func run(_ options: ParsedOptions, console: Console) throws -> ExitCode {
        throw CLIError.failure("'forecast generate' is not built yet")
    }
}
