import Dispatch
import Foundation
import HTTPCore
import Synchronization

/// `forecast serve` as a library: the HTTP server, the routes, the model reloader and the log.
///
/// Life cycle: `init` opens the log (refusing a foreign header), `start` loads the model and
/// the daily history and starts serving, `reload` is SIGHUP, `shutdown` is SIGINT/SIGTERM (stop
/// accepting, finish in-flight requests, sync the log). A maintenance thread polls the model
/// source and the features file and, under `--log-fsync batch`, syncs the log about once a second.
public final class ForecastService: Sendable {
    /// What `forecast serve`'s options set.
    public struct Options: Sendable {
        /// Address, event loops and limits.
        public var server: ServerConfiguration
        /// The prediction log.
        public var logPath: String
        /// The explanations log (one line per feature of each explained forecast).
        public var explanationsLogPath: String
        /// The features file the daily history is read from (and re-read when it changes).
        public var featuresPath: String
        /// When the log is synced to disk.
        public var fsync: LogFsyncPolicy
        /// Seconds between checks of the model source's current version.
        public var pollInterval: Double
        /// The version `GET /` and the OpenAPI document report (the `forecast` version).
        public var serviceVersion: String
        /// When set, the prediction routes and `/metrics` need `Authorization: Bearer` it.
        public var apiToken: BearerToken?
        /// Where access lines go, and where the command line sends its messages while serving:
        /// one non-blocking writer, so an unread stderr can stall no thread and lines keep their order.
        public var stderrWriter = LineWriter()

        /// Options with the defaults of SPEC.md (`127.0.0.1:8000`, `data/predictions_log.csv`).
        public init(
            server: ServerConfiguration = ServerConfiguration(), logPath: String = "data/predictions_log.csv",
            explanationsLogPath: String = "data/explanations_log.csv", featuresPath: String = "data/processed/features_daily.csv", fsync: LogFsyncPolicy = .batch,
            pollInterval: Double = 1.0, serviceVersion: String = "0.0.0"
        ) {
            self.server = server
            self.logPath = logPath
            self.explanationsLogPath = explanationsLogPath
            self.featuresPath = featuresPath
            self.fsync = fsync
            self.pollInterval = pollInterval
            self.serviceVersion = serviceVersion
        }
    }

    /// The shared state (slot, log, metrics).
    public let state: ServiceState
    private let options: Options
    private let server: HTTPServer
    private let reloader: ModelReloader
    private let historyReloader: HistoryReloader
    private let wake = DispatchSemaphore(value: 0)
    private let maintenanceDone = DispatchSemaphore(value: 0)
    private let control = Mutex<(stopping: Bool, forceReload: Bool)>((false, false))
    private let events: @Sendable (ServiceEvent) -> Void
    /// The last log rotation failure reported, so a lasting one is reported once.
    private let logFailure = Mutex<String?>(nil)
    private let explanationsLogFailure = Mutex<String?>(nil)

    /// Opens both logs and prepares the server; nothing listens until `start`. Throws
    /// `PredictionLogError` or `ExplanationsLogError`.
    public init(
        options: Options, source: any ModelSource, history: (any HistorySource)? = nil,
        events: @escaping @Sendable (ServiceEvent) -> Void
    ) throws {
        self.options = options
        self.events = events
        let log = try PredictionLog(path: options.logPath, policy: options.fsync)
        let explanations = try ExplanationsLog(path: options.explanationsLogPath, policy: options.fsync)
        let slot = ModelSlot()
        let historySlot = HistorySlot()
        let state = ServiceState(
            slot: slot, history: historySlot, log: log, explanations: explanations, loops: options.server.eventLoops,
            serviceVersion: options.serviceVersion, stderrWriter: options.stderrWriter
        )
        self.state = state
        self.reloader = ModelReloader(source: source, slot: slot, metrics: state.metrics, status: state.modelStatus, events: events)
        self.historyReloader = HistoryReloader(
            source: history ?? FeaturesFileHistorySource(path: options.featuresPath), slot: historySlot,
            status: state.historyStatus, events: events
        )
        let routes = ForecastRoutes.make(
            state: state, api: .forecast(version: state.serviceVersion, tokenRequired: options.apiToken != nil),
            token: options.apiToken
        )
        self.server = HTTPServer(configuration: options.server, metrics: state.serverMetrics) { loop in
            BoundRouterResponder(
                router: routes, context: ServiceContext(loop: loop, slot: slot, history: historySlot),
                commit: { context in context.commit(state) }
            )
        }
    }

    /// Loads the current model (if any), binds and starts serving; returns the bound port.
    @discardableResult
    public func start() throws(SocketError) -> Int {
        reloader.check(force: false, initial: true)
        historyReloader.check(force: false)
        let port = try server.start()
        let interval = options.pollInterval
        let thread = Thread { [self] in
            var reloadsSeen = state.metrics.reloads.load(ordering: .relaxed)
            var trimDue = false
            while true {
                _ = wake.wait(timeout: .now() + interval)
                let (stopping, force) = control.withLock { state -> (Bool, Bool) in
                    defer { state.forceReload = false }
                    return (state.stopping, state.forceReload)
                }
                if stopping { break }
                // A tick after a reload the loops have let go of the old model: hand its pages
                // back, or RSS keeps the high-water mark of two models (the soak's 5 % goal).
                if trimDue {
                    MemoryTrim.releaseFreeMemory()
                    trimDue = false
                }
                reloader.check(force: force)
                historyReloader.check(force: force)
                let reloads = state.metrics.reloads.load(ordering: .relaxed)
                if reloads != reloadsSeen {
                    reloadsSeen = reloads
                    trimDue = true
                }
                followLogRotation(force: force)
                if options.fsync == .batch {
                    self.state.log.sync()
                    self.state.explanations?.sync()
                }
            }
            maintenanceDone.signal()
        }
        thread.name = "forecast-maintenance"
        thread.start()
        return port
    }

    /// Opens a new log file if the old one was renamed or deleted (log rotation), or puts a log
    /// truncated in place back behind its header (copytruncate), for both logs. A reopening
    /// failure is reported once and retried every tick; a repair failure is retried on SIGHUP
    /// (`force`).
    private func followLogRotation(force: Bool) {
        let log = state.log
        follow(log.path, failure: logFailure, reopened: ServiceEvent.logReopened, failed: ServiceEvent.logReopenFailed) {
            try log.reopenIfMoved()
        }
        do {
            if let lines = try log.repairIfTruncated(force: force) { events(.logTruncationRepaired(path: log.path, lines: lines)) }
        } catch {
            events(.logTruncationRepairFailed(reason: error.description))
        }
        guard let explanations = state.explanations else { return }
        follow(explanations.path, failure: explanationsLogFailure, reopened: ServiceEvent.explanationsLogReopened,
               failed: ServiceEvent.explanationsLogReopenFailed) {
            try explanations.reopenIfMoved()
        }
        do {
            if let lines = try explanations.repairIfTruncated(force: force) {
                events(.explanationsLogTruncationRepaired(path: explanations.path, lines: lines))
            }
        } catch {
            events(.explanationsLogTruncationRepairFailed(reason: error.description))
        }
    }

    /// Reopens a rotated log; a failure is reported once, until it changes or clears.
    private func follow(
        _ path: String, failure: borrowing Mutex<String?>, reopened: (String) -> ServiceEvent, failed: (String) -> ServiceEvent,
        reopen: () throws -> Bool
    ) {
        do {
            if try reopen() {
                failure.withLock { $0 = nil }
                events(reopened(path))
            }
        } catch {
            let reason = "\(error)"
            let repeated = failure.withLock { last in
                defer { last = reason }
                return last == reason
            }
            if !repeated { events(failed(reason)) }
        }
    }

    /// Re-reads the current model and the daily history now, even if they did not change (SIGHUP).
    public func reload() {
        control.withLock { $0.forceReload = true }
        wake.signal()
    }

    /// Stops accepting, lets in-flight requests finish, syncs the log; returns when done.
    public func shutdown() {
        server.stop()
        server.waitUntilStopped()
        control.withLock { $0.stopping = true }
        wake.signal()
        maintenanceDone.wait()
        // Nothing is in flight any more: the last lines that reached a log replaced after a
        // copytruncate join the new one.
        state.log.moveRetiredTail(final: true)
        state.explanations?.moveRetiredTail(final: true)
        state.log.sync(force: true)
        state.explanations?.sync(force: true)
    }
}
