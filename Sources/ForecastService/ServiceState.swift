import HTTPCore

/// Everything the route handlers share across loops: all of it immutable or atomic.
public final class ServiceState: Sendable {
    /// The model being served.
    public let slot: ModelSlot
    /// The outcome of the last load of the current model.
    public let modelStatus = ModelStatus()
    /// The daily history forecasts are computed from.
    public let history: HistorySlot
    /// The outcome of the last read of the history.
    public let historyStatus = HistoryStatus()
    /// The prediction log.
    public let log: PredictionLog
    /// The explanations log; nil: explained forecasts are answered but not logged (in-process tests).
    public let explanations: ExplanationsLog?
    /// HTTP-level counters (requests by status, durations, connections).
    public let serverMetrics: ServerMetrics
    /// Prediction counters.
    public let metrics: ServiceMetrics
    /// The name and version `GET /` reports.
    public let serviceVersion: String
    /// Monotonic nanoseconds at start-up, for uptime.
    let startedAt = MonotonicClock.nanoseconds()

    /// State for `loops` event loops.
    public init(
        slot: ModelSlot, history: HistorySlot = HistorySlot(), log: PredictionLog, explanations: ExplanationsLog? = nil, loops: Int,
        serviceVersion: String = "1.0.0", stderrWriter: LineWriter = LineWriter()
    ) {
        self.slot = slot
        self.history = history
        self.log = log
        self.explanations = explanations
        self.serverMetrics = ServerMetrics(loops: loops, accessLogWriter: stderrWriter)
        self.metrics = ServiceMetrics(loops: loops)
        self.serviceVersion = serviceVersion
    }
}
