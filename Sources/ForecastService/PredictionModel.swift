import ForecastData

/// What the service needs from a trained model, and where it gets one.
///
/// The service depends on these two small protocols rather than on ModelRegistry's concrete
/// types, so routes are tested in-process with fakes and the registry can change its file format
/// freely; `ModelRegistry+Service.swift` adapts the real types.

/// A model's answer for one input: the forecast and its 10th–90th percentile interval.
public struct PredictionOutcome: Sendable, Equatable {
    /// Forecast of next-day revenue (`prediction_ca_jour_suivant`).
    public var value: Double
    /// Lower end of the interval (10th percentile of the trees' predictions).
    public var lower: Double
    /// Upper end of the interval (90th percentile).
    public var upper: Double

    /// An outcome; `lower ≤ value ≤ upper` is the model's business, not checked here.
    public init(value: Double, lower: Double, upper: Double) {
        self.value = value
        self.lower = lower
        self.upper = upper
    }
}

/// A loaded, immutable model shared by every event loop without locks.
public protocol PredictionModel: Sendable {
    /// The registry version, written to each log line.
    var version: String { get }
    /// A JSON object describing the model, served as is by `GET /model/info`.
    var infoJSON: String { get }
    /// How many days of revenue before the request's day the model looks at (0: none).
    var historyLength: Int { get }
    /// The forecast for the day after `day`, which had `revenue` and `orderCount`; `earlier` is
    /// the revenue of the days before `day`, oldest first. Pure and thread-safe.
    func predict(revenue: Double, orderCount: Int, day: Day, earlier: ArraySlice<Double>) -> PredictionOutcome
    /// Each feature's contribution to the same forecast (`"explain": true`); slower than
    /// `predict` (exact TreeSHAP), so only called when asked. Throws when the model cannot
    /// explain, with a message naming the fix.
    func explain(
        revenue: Double, orderCount: Int, day: Day, earlier: ArraySlice<Double>
    ) throws(ExplanationUnavailable) -> PredictionExplanation
}

extension PredictionModel {
    /// A model that does not say how it explains itself cannot.
    public func explain(
        revenue: Double, orderCount: Int, day: Day, earlier: ArraySlice<Double>
    ) throws(ExplanationUnavailable) -> PredictionExplanation {
        throw ExplanationUnavailable(message: "model \(version) cannot explain its forecasts")
    }
}

/// A forecast broken down: `expectedValue` plus the contributions equals the forecast.
public struct PredictionExplanation: Sendable, Equatable {
    /// The model's baseline (for a forest, its mean prediction over the training data).
    public var expectedValue: Double
    /// Per feature name, in the model's feature order.
    public var contributions: [Contribution]

    /// One feature's share of the forecast.
    public struct Contribution: Sendable, Equatable {
        public var feature: String
        public var value: Double

        /// A named contribution.
        public init(feature: String, value: Double) {
            self.feature = feature
            self.value = value
        }
    }

    /// An explanation from its parts.
    public init(expectedValue: Double, contributions: [Contribution]) {
        self.expectedValue = expectedValue
        self.contributions = contributions
    }
}

/// Why a model cannot explain a forecast (answered as 422 with this message).
public struct ExplanationUnavailable: Error, Equatable, Sendable {
    public var message: String

    /// An error with its one-line message.
    public init(message: String) {
        self.message = message
    }
}

/// Where the current model comes from: a cheap version check for polling and a full load.
public protocol ModelSource: Sendable {
    /// The current version's token, nil when there is no model yet. Called about once a second,
    /// so it must be cheap (read a pointer file, not the model).
    func currentVersion() throws -> String?
    /// Loads the current model; nil when there is none.
    func loadCurrent() throws -> (any PredictionModel)?
}
