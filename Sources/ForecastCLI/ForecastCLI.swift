/// The `forecast` command line: finds the subcommand, parses its options, runs it, and turns
/// every outcome into an exit status (SPEC.md: 0 success, 1 failure, 2 usage, 3 drift, 4 worse than the naive rules).
public enum ForecastCLI {
    /// Every subcommand, in the order the root help lists them.
    static let commands: [CommandEntry] = [
        CommandEntry(GenerateCommand.self),
        CommandEntry(ETLCommand.self),
        CommandEntry(TrainCommand.self),
        CommandEntry(TuneCommand.self),
        CommandEntry(PredictCommand.self),
        CommandEntry(ModelsCommand.self),
        CommandEntry(ServeCommand.self),
        CommandEntry(PlotCommand.self),
        CommandEntry(DriftCommand.self),
        CommandEntry(AccuracyCommand.self),
    ]

    /// The version shown by `forecast --version` and the server's `GET /`.
    public static let version = "0.1.0"

    /// Runs the command line `arguments` (without the program name) and returns the exit status.
    public static func main(_ arguments: [String], console: Console = Console()) -> Int32 {
        guard let first = arguments.first, first != "--help", first != "-h", first != "help" || arguments.count > 1
        else {
            console.out(rootHelp)
            return ExitCode.success.rawValue
        }
        if first == "--version" {
            console.out(version)
            return ExitCode.success.rawValue
        }
        // `forecast help CMD` is `forecast CMD --help`.
        let name = first == "help" ? arguments[1] : first
        let rest = first == "help" ? ["--help"] : Array(arguments.dropFirst())
        guard let command = commands.first(where: { $0.configuration.name == name }) else {
            var message = "unknown command '\(name)'"
            if let guess = Suggestion.closest(to: name, in: commands.map(\.configuration.name)) {
                message += " (did you mean '\(guess)'?)"
            }
            console.err("error: " + message + "; see 'forecast --help'")
            return ExitCode.usage.rawValue
        }
        if rest.contains(where: { $0 == "--help" || $0 == "-h" }) && !rest.starts(with: ["--"]) {
            console.out(HelpFormatter.help(for: command.configuration))
            return ExitCode.success.rawValue
        }
        do {
            let options = try OptionParser.parse(rest, for: command.configuration)
            return try command.run(options, console).rawValue
        } catch let error as CLIError {
            console.err("error: \(error)")
            return error.exitCode.rawValue
        } catch {
            console.err("error: \(error)")
            return ExitCode.failure.rawValue
        }
    }

    static var rootHelp: String {
        let width = commands.map(\.configuration.name.count).max() ?? 0
        var lines = [
            "OVERVIEW: RevenueForecast \(version): forecast tomorrow's revenue from a shop's transactions.",
            "",
            "USAGE: forecast <command> [options]",
            "",
            "COMMANDS:",
        ]
        for command in commands {
            let name = command.configuration.name
            lines.append("  " + name + String(repeating: " ", count: width - name.count) + "  " + command.configuration.abstract)
        }
        lines += [
            "",
            "OPTIONS:",
            "  -h, --help   Show this help and exit.",
            "  --version    Show the version and exit.",
            "",
            "See 'forecast <command> --help' for a command's options.",
            "Exit status: 0 success, 1 failure, 2 usage error, 3 drift found (forecast drift),",
            "4 forecasts worse than the best naive rule (forecast accuracy).",
        ]
        return lines.joined(separator: "\n")
    }
}
