/// `forecast serve`: Serve predictions over HTTP and log each one.
enum ServeCommand: Command {
    static let configuration = CommandConfiguration(
        name: "serve",
        abstract: "Serve predictions over HTTP and log each one.",
        options: [
            OptionSpec("host", value: "HOST", help: "Address to bind.", default: "127.0.0.1"),
            OptionSpec("port", value: "PORT", help: "Port to bind; 0 takes a free port.", default: "8000"),
            OptionSpec("log", value: "PATH", help: "Prediction log.", default: "data/predictions_log.csv"),
        ]
    )

    static func run(_ options: ParsedOptions, console: Console) throws -> ExitCode {
        throw CLIError.failure("'forecast serve' is not built yet")
    }
}
