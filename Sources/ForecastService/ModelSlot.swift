import Synchronization

/// The model being served: replaced whole, read by every event loop without a lock.
///
/// Writers (the reloader) take a mutex and bump `generation`; each loop keeps its own copy in a
/// `ModelCache` and only takes the mutex when the generation it last saw has changed, i.e.
/// once per reload, not per request. A request keeps the model it started with even if a reload
/// lands meanwhile: the model is an immutable value.
public final class ModelSlot: Sendable {
    private let model = Mutex<(any PredictionModel)?>(nil)
    private let generationCounter = Atomic<Int>(0)
    private let lastLoadError = Mutex<String?>(nil)

    /// An empty slot (no model: predictions answer 503).
    public init(_ initial: (any PredictionModel)? = nil) {
        model.withLock { $0 = initial }
    }

    /// Replaces the model; loops see it on their next request.
    public func install(_ newModel: (any PredictionModel)?) {
        model.withLock { $0 = newModel }
        generationCounter.wrappingAdd(1, ordering: .releasing)
    }

    /// The model now (takes the lock: for the reloader, `/health` fallbacks and tests).
    public var current: (any PredictionModel)? { model.withLock { $0 } }

    /// Why the last load of the current version failed (the model above keeps serving); nil
    /// once a load succeeds. `/health` shows it.
    public var loadError: String? {
        get { lastLoadError.withLock { $0 } }
        set { lastLoadError.withLock { $0 = newValue } }
    }

    /// Bumped by every `install`.
    var generation: Int { generationCounter.load(ordering: .acquiring) }
}

/// One event loop's copy of the slot's model; refreshed only when the slot's generation moves.
final class ModelCache {
    private let slot: ModelSlot
    private var seenGeneration = -1
    private var cached: (any PredictionModel)?

    init(slot: ModelSlot) {
        self.slot = slot
    }

    /// The current model, without a lock unless a reload happened since the last call.
    var model: (any PredictionModel)? {
        let generation = slot.generation
        if generation != seenGeneration {
            cached = slot.current
            seenGeneration = generation
        }
        return cached
    }
}
