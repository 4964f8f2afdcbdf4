import Synchronization

/// Why the last load of the current model failed, for `/health` (the model in the slot keeps
/// serving); nil once a load succeeds.
public final class ModelStatus: Sendable {
    private let failure = Mutex<String?>(nil)

    public init() {}

    /// The failure of the last load, nil after a success.
    public var lastFailure: String? { failure.withLock { $0 } }

    func record(failure reason: String?) {
        failure.withLock { $0 = reason }
    }
}
