import ForecastService

/// The model source `serve` uses. Until the registry lands this is an empty source (every
/// prediction answers 503); the adapter to ModelRegistry replaces it.
enum ServeModelSource {
    struct Empty: ModelSource {
        func currentVersion() throws -> String? { nil }
        func loadCurrent() throws -> (any PredictionModel)? { nil }
    }

    static func prepare(modelsDirectory: String, console: Console) throws -> any ModelSource {
        Empty()
    }
}
