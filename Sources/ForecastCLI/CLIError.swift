/// An error the command line reports as one stderr line and an exit status.
///
/// Library errors are mapped to this at the edge (in each command), once; the message names
/// the problem and the fix.
public enum CLIError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Bad usage: exit 2. The message says what was wrong and what to type instead.
    case usage(String)
    /// The command failed: exit 1.
    case failure(String)

    public var exitCode: ExitCode {
        switch self {
        case .usage: .usage
        case .failure: .failure
        }
    }

    public var description: String {
        switch self {
        case .usage(let message), .failure(let message): message
        }
    }
}
