/// `forecast models`: List, show, select or roll back model versions.
enum ModelsCommand: Command {
    static let configuration = CommandConfiguration(
        name: "models",
        abstract: "List, show, select or roll back model versions.",
        options: []
    )

    static func run(_ options: ParsedOptions, console: Console) throws -> ExitCode {
        throw CLIError.failure("'forecast models' is not built yet")
    }
}
