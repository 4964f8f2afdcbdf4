import ForecastData
import HTTPCore

/// Hand-formatted JSON for prediction responses: no Foundation encoder on the hot path.
enum PredictionJSON {
    /// Default `seuil_alerte` of `/predict-with-alert`, as in the original API.
    static let defaultAlertThreshold = 10_000.0

    /// A JSON number for a finite `Double` (Swift's shortest round-trip text is valid JSON,
    /// exponent form included); non-finite values, which JSON cannot hold, become `null`.
    static func number(_ value: Double) -> String {
        value.isFinite ? value.description : "null"
    }

    /// The members of one prediction object, without braces, so callers can add their own.
    static func members(
        input: PredictionInput, outcome: PredictionOutcome, timestamp: String, version: String, calendar: ForecastCalendarFields
    ) -> String {
        // Appending into one reserved buffer avoids the intermediate strings of a `+` chain.
        var text = ""
        text.reserveCapacity(256 + version.utf8.count)
        text += "\"prediction_ca_jour_suivant\":"
        text += number(outcome.value)
        text += ",\"inputs\":{\"ca_total\":"
        text += number(input.revenue)
        text += ",\"nb_commandes\":"
        text += String(input.orderCount)
        text += "},\"timestamp\":\""
        text += timestamp
        text += "\",\"model_version\":"
        text += JSONText.quoted(version)
        text += ",\"prediction_interval\":{\"lower\":"
        text += number(outcome.lower)
        text += ",\"upper\":"
        text += number(outcome.upper)
        text += ",\"quantiles\":[0.1,0.9]},\"date\":\""
        text += calendar.date
        text += "\",\"forecast_date\":\""
        text += calendar.forecastDate
        text += "\""
        return text
    }
}
