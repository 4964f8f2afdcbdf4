import Synchronization

/// A value every event loop serves from, replaced whole (the model, the daily history) and read
/// without a lock.
///
/// Writers (the reloaders) take a mutex and bump `generation`; each loop keeps its own copy in a
/// `SlotCache` and only takes the mutex when the generation it last saw has changed, i.e. once
/// per reload, not per request. A request keeps the value it started with even if a reload
/// lands meanwhile: the values are immutable.
public final class SharedSlot<Value: Sendable>: Sendable {
    private let value = Mutex<Value?>(nil)
    private let generationCounter = Atomic<Int>(0)

    /// A slot holding `initial` (nil: nothing yet).
    public init(_ initial: Value? = nil) {
        value.withLock { $0 = initial }
    }

    /// Replaces the value; loops see it on their next request.
    public func install(_ newValue: Value?) {
        value.withLock { $0 = newValue }
        generationCounter.wrappingAdd(1, ordering: .releasing)
    }

    /// The value now (takes the lock: for the reloaders, status pages and tests).
    public var current: Value? { value.withLock { $0 } }

    /// Bumped by every `install`.
    var generation: Int { generationCounter.load(ordering: .acquiring) }
}

/// The model being served (predictions answer 503 while it is empty).
public typealias ModelSlot = SharedSlot<any PredictionModel>

/// The daily history forecasts are computed from.
public typealias HistorySlot = SharedSlot<LoadedHistory>

/// One event loop's copy of a slot's value; refreshed only when the slot's generation moves.
final class SlotCache<Value: Sendable> {
    private let slot: SharedSlot<Value>
    private var seenGeneration = -1
    private var cached: Value?

    init(slot: SharedSlot<Value>) {
        self.slot = slot
    }

    /// The current value, without a lock unless a reload happened since the last call.
    var value: Value? {
        let generation = slot.generation
        if generation != seenGeneration {
            cached = slot.current
            seenGeneration = generation
        }
        return cached
    }
}
