/// A `forecast` subcommand: its help and options, and what it does with parsed options.
///
/// `run` validates its values through `ParsedOptions`' typed accessors (which throw
/// `CLIError.usage`, exit 2) before doing any work. Any other error it throws is reported as a
/// failure (exit 1) with the error's description, so library errors must describe the problem
/// and the fix in one line.
public protocol Command: SendableMetatype {
    static var configuration: CommandConfiguration { get }
    static func run(_ options: ParsedOptions, console: Console) throws -> ExitCode
}

/// A command as the root dispatcher holds it: its configuration and its `run`, type-erased.
struct CommandEntry: Sendable {
    let configuration: CommandConfiguration
    let run: @Sendable (ParsedOptions, Console) throws -> ExitCode

    init<C: Command>(_ command: C.Type) {
        configuration = C.configuration
        run = { options, console in try C.run(options, console: console) }
    }
}
