import Charts
import ForecastData
import Foundation

/// The result of `forecast accuracy` (issue 8 §5), written as `reports/accuracy.json` and
/// printed by `--json`: the served forecasts scored against the actual revenue of their
/// forecast day, over the last `window_days` scored days and overall, beside the naive rules.
public struct AccuracyReport: Equatable, Sendable, Codable {
    /// What the figures say, in one word for scripts.
    public enum Verdict: String, Sendable, Codable {
        /// The served forecasts beat (or tie) the best naive rule over the window.
        case doingItsJob = "doing_its_job"
        /// They did worse than the best naive rule over the window: `forecast accuracy` exits 4.
        case worseThanRules = "worse_than_rules"
        /// No logged forecast day has an actual yet.
        case nothingToScore = "nothing_to_score"
    }

    /// Lines of the log that were not scored, by reason.
    public struct Unscored: Equatable, Sendable, Codable {
        /// Lines without `forecast_date` (five-column logs): they cannot be scored.
        public let withoutForecastDate: Int
        /// Forecasts replaced by a later one for the same day (the last logged counts).
        public let superseded: Int
        /// Forecast days whose actual is not in the features file yet.
        public let awaitingActual: Int
        /// Forecast days (or their inputs' day) before the features file starts.
        public let outsideFeatures: Int
        /// Torn or malformed lines.
        public let malformedLines: Int

        enum CodingKeys: String, CodingKey {
            case withoutForecastDate = "without_forecast_date"
            case superseded
            case awaitingActual = "awaiting_actual"
            case outsideFeatures = "outside_features"
            case malformedLines = "malformed_lines"
        }
    }

    /// One scored day, for scripts and charts.
    public struct ScoredDay: Equatable, Sendable, Codable {
        public let forecastDate: String
        public let date: String
        public let prediction: Double
        public let lower: Double
        public let upper: Double
        public let actual: Double
        public let persistence: Double
        public let movingAverage7d: Double
        public let modelVersion: String

        enum CodingKeys: String, CodingKey {
            case forecastDate = "forecast_date"
            case date, prediction, lower, upper, actual, persistence
            case movingAverage7d = "moving_average_7d"
            case modelVersion = "model_version"
        }
    }

    public let verdict: Verdict
    /// The verdict in words: the first line of reports/index.html.
    public let headline: String
    public let scoredDays: Int
    /// `--window N`: the last N scored days make the window.
    public let windowDays: Int
    public let overall: AccuracyMetrics?
    public let window: AccuracyMetrics?
    public let unscored: Unscored
    public let logPaths: [String]
    public let featuresPath: String
    /// The last day whose actual revenue the features file gives.
    public let actualsUntil: String?
    public let days: [ScoredDay]

    enum CodingKeys: String, CodingKey {
        case verdict, headline
        case scoredDays = "scored_days"
        case windowDays = "window_days"
        case overall, window, unscored
        case logPaths = "log_paths"
        case featuresPath = "features_path"
        case actualsUntil = "actuals_until"
        case days = "per_day"
    }

    /// Days in the window when `--window` is not given (four weeks: every weekday four times).
    public static let defaultWindow = 28

    init(join: ForecastJoin, log: PredictionLogData, history: DailyHistory?, windowDays: Int, logPaths: [String],
         featuresPath: String) {
        let scored = join.scored
        overall = AccuracyMetrics(scored[...])
        window = AccuracyMetrics(scored.suffix(windowDays))
        scoredDays = scored.count
        self.windowDays = windowDays
        unscored = Unscored(withoutForecastDate: join.withoutForecastDate, superseded: join.superseded,
                            awaitingActual: join.awaitingActual.count, outsideFeatures: join.outsideHistory,
                            malformedLines: log.malformedLines)
        self.logPaths = logPaths
        self.featuresPath = featuresPath
        actualsUntil = history?.lastDay.iso
        days = scored.map { day in
            ScoredDay(forecastDate: Day(ordinal: day.forecastDay).iso, date: Day(ordinal: day.date).iso,
                      prediction: day.prediction, lower: day.lower, upper: day.upper, actual: day.actual,
                      persistence: day.persistence, movingAverage7d: day.movingAverage7d, modelVersion: log.version(at: day.row))
        }
        if let window {
            verdict = window.worseThanBestRule ? .worseThanRules : .doingItsJob
        } else {
            verdict = .nothingToScore
        }
        headline = AccuracyReport.headline(verdict: verdict, window: window, unscored: unscored, featuresPath: featuresPath)
    }

    /// The verdict in a sentence a shop owner can act on.
    static func headline(verdict: Verdict, window: AccuracyMetrics?, unscored: Unscored, featuresPath: String) -> String {
        guard let window else {
            let dated = unscored.superseded + unscored.awaitingActual + unscored.outsideFeatures
            if dated == 0, unscored.withoutForecastDate > 0 {
                return "Forecast accuracy not known: the logged lines do not say which day they forecast (a five-column log);"
                    + " start a new log to have forecasts scored."
            }
            return "Forecast accuracy not known yet: no logged forecast day has its actual revenue in \(featuresPath) yet."
        }
        let best = window.bestRule
        let rule = best.name == AccuracyMetrics.persistence ? "persistence (tomorrow = today)" : "the 7-day mean"
        let span = window.days == 1 ? "on the one scored day" : "over the last \(window.days) scored days"
        let missed = "its forecasts missed by \(euros(window.mae)) on average"
        let share = best.mae > 0 ? abs(window.mae - best.mae) / best.mae * 100 : 0
        let percent = String(format: "%.0f %%", share)
        switch verdict {
        case .worseThanRules:
            return "The model is not doing its job: \(span) \(missed), \(percent) more than \(rule) (\(euros(best.mae)));"
                + " retrain it ('forecast train') or roll back ('forecast models rollback')."
        default:
            return "The model is doing its job: \(span) \(missed), \(percent) less than the best naive rule, \(rule)"
                + " (\(euros(best.mae)))."
        }
    }

    static func euros(_ value: Double) -> String {
        NumberFormat.grouped(value, decimals: 0) + " €"
    }

    /// Pretty-printed JSON with sorted keys (stable output for diffs and scripts).
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}
