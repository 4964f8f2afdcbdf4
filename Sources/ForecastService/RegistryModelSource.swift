#if canImport(Glibc)
import Glibc
#endif
import ForecastData
import ModelRegistry

/// The registry's `ServableModel` as a `PredictionModel` (a wrapper, so the two `predict`
/// methods, one per module's result type, never compete at a call site).
public struct RegistryModel: PredictionModel {
    /// The loaded model.
    public let model: ServableModel

    /// Wraps `model`.
    public init(_ model: ServableModel) {
        self.model = model
    }

    public var version: String { model.version }
    public var infoJSON: String { model.infoJSON }

    public var historyLength: Int { model.historyLength }

    public func predict(revenue: Double, orderCount: Int, day: Day, earlier: ArraySlice<Double>) -> PredictionOutcome {
        let prediction = model.predict(revenue: revenue, orderCount: orderCount, day: day, earlier: earlier)
        return PredictionOutcome(value: prediction.value, lower: prediction.lower, upper: prediction.upper)
    }
}

/// A `ModelStore` as the service's `ModelSource`: the token is the current version plus its
/// file's identity (inode, size, modification time), one small read and one `stat` per poll, so
/// a model file replaced in place (by a truncated or corrupt copy) is tried again, reported, and
/// the model in memory keeps serving. `loadCurrent` validates and loads the model file.
public struct RegistryModelSource: ModelSource {
    /// The registry.
    public let store: ModelStore

    /// A source reading `store`.
    public init(store: ModelStore) {
        self.store = store
    }

    public func currentVersion() throws -> String? {
        guard let version = try store.currentVersion() else { return nil }
        var status = stat()
        guard stat(store.path(of: version), &status) == 0 else { return version + " (missing)" }
        return version + " (file \(status.st_ino) \(status.st_size) \(status.st_mtim.tv_sec).\(status.st_mtim.tv_nsec))"
    }

    public func loadCurrent() throws -> (any PredictionModel)? {
        try store.loadCurrent().map(RegistryModel.init)
    }
}
