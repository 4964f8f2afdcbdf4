import ForecastService

/// One stderr line per service event.
enum ServeEvents {
    static func describe(_ event: ServiceEvent) -> String {
        switch event {
        case let .modelLoaded(version, previous?):
            return "model reloaded: now serving \(version) (was \(previous))"
        case let .modelLoaded(version, nil):
            return "model loaded: serving \(version)"
        case .noModel:
            return "no model yet: predictions answer 503 until 'forecast train' registers one"
        case let .reloadFailed(reason, keeping?):
            return "model reload failed, still serving \(keeping): \(reason)"
        case let .reloadFailed(reason, nil):
            return "model load failed, no model served: \(reason)"
        case let .logReopened(path):
            return "prediction log rotated: new lines go to a new \(path)"
        case let .logTruncationRepaired(path, lines):
            return "prediction log truncated in place (copytruncate): \(path) has its header again, with the \(lines) line\(lines == 1 ? "" : "s") written since"
        case let .logTruncationRepairFailed(reason):
            return "prediction log truncated in place (copytruncate) but its header could not be restored, new lines go on "
                + "without it (plot, drift and accuracy still read them); fix the cause and send SIGHUP to retry: \(reason)"
        case let .logReopenFailed(reason):
            return "prediction log rotated but no new file could be opened, still appending to the old one: \(reason)"
        case let .explanationsLogReopened(path):
            return "explanations log rotated: new lines go to a new \(path)"
        case let .explanationsLogReopenFailed(reason):
            return "explanations log rotated but no new file could be opened, still appending to the old one: \(reason)"
        case let .explanationsLogTruncationRepaired(path, lines):
            return "explanations log truncated in place (copytruncate): \(path) has its header again, with the \(lines) line\(lines == 1 ? "" : "s") written since"
        case let .explanationsLogTruncationRepairFailed(reason):
            return "explanations log truncated in place (copytruncate) but its header could not be restored, new lines go on "
                + "without it ('forecast plot' refuses the file until it is repaired); fix the cause and send SIGHUP to retry: \(reason)"
        case let .historyLoaded(firstDay, lastDay, path):
            return "daily history: \(firstDay) to \(lastDay) from \(path); requests without a date describe the day after \(lastDay)"
        case let .historyReloadFailed(reason, keeping?):
            return "daily history not updated, still serving the one ending on \(keeping): \(reason)"
        case let .historyReloadFailed(reason, nil):
            return "no daily history: \(reason)"
        }
    }
}
