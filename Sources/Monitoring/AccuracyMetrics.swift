import ForecastData

/// How far a set of forecasts was from what happened.
public struct ErrorMetrics: Equatable, Sendable, Codable {
    /// Mean absolute error (€).
    public let mae: Double
    /// Root mean squared error (€).
    public let rmse: Double
    /// Mean of forecast − actual (€): above 0 the forecasts were too high on average.
    public let bias: Double

    /// The metrics of `forecasts` against `actuals` (same length, not empty).
    init(forecasts: [Double], actuals: [Double]) {
        var absolute = 0.0, squared = 0.0, signed = 0.0
        for (forecast, actual) in zip(forecasts, actuals) {
            let error = forecast - actual
            absolute += abs(error)
            squared += error * error
            signed += error
        }
        let count = Double(forecasts.count)
        mae = absolute / count
        rmse = (squared / count).squareRoot()
        bias = signed / count
    }
}

/// The served forecasts' accuracy over a set of scored days, beside the naive rules on the
/// same days (issue 8 §5).
public struct AccuracyMetrics: Equatable, Sendable, Codable {
    /// Scored days these figures cover.
    public let days: Int
    public let firstDay: String
    public let lastDay: String
    public let mae: Double
    public let rmse: Double
    public let bias: Double
    /// Share (0 to 1) of actuals inside the logged interval [lower, upper], bounds included.
    public let coverage: Double
    /// `persistence` and `moving_average_7d`, scored on the same days.
    public let baselines: [String: ErrorMetrics]

    /// Names of the naive rules in JSON and on the page.
    public static let persistence = "persistence"
    public static let movingAverage7d = "moving_average_7d"

    enum CodingKeys: String, CodingKey {
        case days
        case firstDay = "first_day"
        case lastDay = "last_day"
        case mae, rmse, bias, coverage, baselines
    }

    /// The figures over `days`; nil when there is none.
    init?(_ days: ArraySlice<ForecastJoin.ScoredDay>) {
        guard let first = days.first, let last = days.last else { return nil }
        let actuals = days.map(\.actual)
        let served = ErrorMetrics(forecasts: days.map(\.prediction), actuals: actuals)
        self.days = days.count
        firstDay = Day(ordinal: first.forecastDay).iso
        lastDay = Day(ordinal: last.forecastDay).iso
        mae = served.mae
        rmse = served.rmse
        bias = served.bias
        coverage = Double(days.count(where: { $0.lower <= $0.actual && $0.actual <= $0.upper })) / Double(days.count)
        baselines = [
            Self.persistence: ErrorMetrics(forecasts: days.map(\.persistence), actuals: actuals),
            Self.movingAverage7d: ErrorMetrics(forecasts: days.map(\.movingAverage7d), actuals: actuals),
        ]
    }

    /// The naive rule with the lowest MAE (persistence on a tie) and its MAE.
    public var bestRule: (name: String, mae: Double) {
        let persistenceMAE = baselines[Self.persistence]!.mae
        let movingMAE = baselines[Self.movingAverage7d]!.mae
        return movingMAE < persistenceMAE ? (Self.movingAverage7d, movingMAE) : (Self.persistence, persistenceMAE)
    }

    /// True when the served forecasts did worse (higher MAE) than the best naive rule.
    public var worseThanBestRule: Bool { mae > bestRule.mae }
}

