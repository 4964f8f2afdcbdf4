import Synchronization

/// Installs the source's current model at start-up and whenever its version token changes.
///
/// `check` is called about once a second by the service's maintenance thread and on SIGHUP
/// (`force`). A version is tried once: if it fails to load, the previous model keeps serving
/// and the failure is reported once, not every second; SIGHUP retries it.
final class ModelReloader: Sendable {
    private let source: any ModelSource
    private let slot: ModelSlot
    private let metrics: ServiceMetrics
    private let status: ModelStatus
    private let events: @Sendable (ServiceEvent) -> Void
    /// The token of the last version tried (loaded or failed); only the maintenance thread writes it.
    private let lastToken = Mutex<String??>(nil)
    /// The last failure reported, so a failure that persists is reported once, not every second.
    private let lastFailure = Mutex<String?>(nil)

    init(
        source: any ModelSource, slot: ModelSlot, metrics: ServiceMetrics, status: ModelStatus = ModelStatus(),
        events: @escaping @Sendable (ServiceEvent) -> Void
    ) {
        self.source = source
        self.slot = slot
        self.metrics = metrics
        self.status = status
        self.events = events
    }

    /// Loads the current model if its token changed since the last try (or always with `force`).
    func check(force: Bool, initial: Bool = false) {
        let token: String?
        do {
            token = try source.currentVersion()
        } catch {
            report(failure: "cannot read the current model version: \(error)", token: nil)
            return
        }
        let previousToken = lastToken.withLock { $0 }
        if !force, let previousToken, previousToken == token { return }
        lastToken.withLock { $0 = .some(token) }
        let previous = slot.current?.version
        guard token != nil || force || initial else { return }  // current pointer removed: keep serving
        do {
            guard let model = try source.loadCurrent() else {
                if previous == nil { events(.noModel) }
                return
            }
            slot.install(model)
            lastFailure.withLock { $0 = nil }
            status.record(failure: nil)
            if !initial { metrics.reloads.wrappingAdd(1, ordering: .relaxed) }
            events(.modelLoaded(version: model.version, previous: previous))
        } catch {
            report(failure: "cannot load the current model: \(error)", token: token)
        }
    }

    private func report(failure reason: String, token: String?) {
        status.record(failure: reason)
        let repeated = lastFailure.withLock { last in
            defer { last = reason }
            return last == reason
        }
        if repeated { return }
        metrics.reloadFailures.wrappingAdd(1, ordering: .relaxed)
        events(.reloadFailed(reason: reason, keeping: slot.current?.version))
    }
}
