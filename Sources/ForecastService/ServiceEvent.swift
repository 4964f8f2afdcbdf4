/// Something the operator should hear about; the command line prints it on stderr (the library
/// itself never prints).
public enum ServiceEvent: Sendable, Equatable {
    /// A model is now served; `previous` is the version it replaced, if any.
    case modelLoaded(version: String, previous: String?)
    /// No model exists yet: predictions answer 503 until one is trained.
    case noModel
    /// Loading a new model failed; `keeping` is the version still served (nil: none).
    case reloadFailed(reason: String, keeping: String?)
    /// The log was renamed or deleted (rotated); new lines go to a new file at `path`.
    case logReopened(path: String)
    /// The log was rotated away but no new file could be opened; lines still go to the old one.
    /// Also: a log truncated in place could not be repaired (the reason says why).
    case logReopenFailed(reason: String)
    /// The log was truncated in place (copytruncate); a new file at `path` holds the header and
    /// the `lines` written since, and new lines go there.
    case logTruncationRepaired(path: String, lines: Int)
    /// The log was truncated in place but could not be repaired; lines go on to it without a
    /// header. Tried again on SIGHUP.
    case logTruncationRepairFailed(reason: String)
    /// The same for the explanations log.
    case explanationsLogReopened(path: String)
    case explanationsLogReopenFailed(reason: String)
    case explanationsLogTruncationRepaired(path: String, lines: Int)
    case explanationsLogTruncationRepairFailed(reason: String)
    /// A daily history was read; forecasts now default to the day after `lastDay`.
    case historyLoaded(firstDay: String, lastDay: String, path: String)
    /// Reading the daily history failed; the history ending on `keepingLastDay` (nil: none)
    /// still serves.
    case historyReloadFailed(reason: String, keepingLastDay: String?)
}
