/// Process exit statuses, as SPEC.md fixes them.
public enum ExitCode: Int32, Sendable {
    /// The command did what was asked.
    case success = 0
    /// The command ran and failed: unreadable input, a bad model file, an I/O error.
    case failure = 1
    /// The command line itself is wrong: unknown command or option, bad value.
    case usage = 2
    /// `forecast drift` found drift (a result, not an error, hence its own code).
    case driftFound = 3
    /// `forecast accuracy`: the served forecasts did worse than the best naive rule over the
    /// window (a result a cron job acts on: retrain or roll back).
    case worseThanRules = 4
}
