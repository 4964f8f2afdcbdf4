import HTTPCore

/// What one event loop keeps for the route handlers: its index, its copies of the model and the
/// daily history, and the predictions of the current batch waiting to be logged.
///
/// Created on the loop's thread and used only there (not `Sendable` on purpose).
public final class ServiceContext {
    /// The loop's index (its metrics shard).
    let loop: Int
    private let modelCache: SlotCache<any PredictionModel>
    private let historyCache: SlotCache<LoadedHistory>
    /// Lines answered this epoll batch, logged together by `commit` before the answers are sent.
    var pending = PendingPredictions()
    /// The loop's timestamps and day texts, reused while they are the same. (Unchecked
    /// exclusivity: touched on the loop's thread only, by calls that reach no other code; see
    /// `EventLoop`.)
    @exclusivity(unchecked) var clock = TimestampClock()
    @exclusivity(unchecked) var days = DayTexts()

    init(loop: Int, slot: ModelSlot, history: HistorySlot) {
        self.loop = loop
        self.modelCache = SlotCache(slot: slot)
        self.historyCache = SlotCache(slot: history)
    }

    /// The model to use for this request (lock-free unless a reload just happened).
    var model: (any PredictionModel)? { modelCache.value }

    /// The daily history for this request (lock-free unless a reload just happened).
    var history: LoadedHistory? { historyCache.value }

    /// Logs the batch's predictions (`RequestResponder.commit()`).
    func commit(_ state: ServiceState) -> HTTPResponse? {
        pending.commit(to: state, loop: loop)
    }
}
