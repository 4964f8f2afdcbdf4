import Synchronization

/// Installs the daily history at start-up and whenever its source's token changes (a nightly
/// `forecast etl`), and on SIGHUP.
///
/// A bad or missing file is reported once and the previous history keeps serving, like a bad
/// model; `/health` shows the failure until a good file is read.
final class HistoryReloader: Sendable {
    private let source: any HistorySource
    private let slot: HistorySlot
    private let status: HistoryStatus
    private let events: @Sendable (ServiceEvent) -> Void
    /// The token of the last file tried (loaded or failed): `nil` never tried, `.some(nil)` no file.
    private let lastToken = Mutex<String??>(nil)

    init(source: any HistorySource, slot: HistorySlot, status: HistoryStatus, events: @escaping @Sendable (ServiceEvent) -> Void) {
        self.source = source
        self.slot = slot
        self.status = status
        self.events = events
    }

    /// Reads the history if its token changed since the last try (or always with `force`).
    func check(force: Bool) {
        let token = source.currentToken()
        let changed = lastToken.withLock { last -> Bool in
            defer { last = .some(token) }
            return force || last == nil || last! != token
        }
        guard changed else { return }
        let keeping = slot.current?.history.lastDay.iso
        guard token != nil else {
            report("\(source.path) is missing; run 'forecast etl' (requests then need a 'date' and the days before it in 'history')", keeping: keeping)
            return
        }
        do {
            let history = try source.load()
            // A file replaced between the token and the read is read again on the next poll.
            slot.install(LoadedHistory(history: history, path: source.path, loadedAt: UTCTimestamp.now()))
            status.record(failure: nil)
            events(.historyLoaded(firstDay: history.firstDay.iso, lastDay: history.lastDay.iso, path: source.path))
        } catch {
            report("cannot read the daily history \(source.path): \(error)", keeping: keeping)
        }
    }

    private func report(_ reason: String, keeping: String?) {
        if status.record(failure: reason) { events(.historyReloadFailed(reason: reason, keepingLastDay: keeping)) }
    }
}

/// Why the last read of the daily history failed, for `/health`; nil after a good read.
public final class HistoryStatus: Sendable {
    private let failure = Mutex<String?>(nil)

    public init() {}

    /// The failure of the last read (the previous history, if any, still serves).
    public var lastFailure: String? { failure.withLock { $0 } }

    /// Records the outcome of a read; true when `reason` is a failure not already reported.
    @discardableResult
    func record(failure reason: String?) -> Bool {
        failure.withLock { last in
            defer { last = reason }
            return reason != nil && last != reason
        }
    }
}
