/// What one event loop keeps for the route handlers: its index and its copy of the model.
///
/// Created on the loop's thread and used only there (not `Sendable` on purpose).
public final class ServiceContext {
    /// The loop's index (its metrics shard).
    let loop: Int
    private let cache: ModelCache

    init(loop: Int, slot: ModelSlot) {
        self.loop = loop
        self.cache = ModelCache(slot: slot)
    }

    /// The model to use for this request (lock-free unless a reload just happened).
    var model: (any PredictionModel)? { cache.model }
}
