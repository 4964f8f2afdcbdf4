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

    /// Appends `value` as `number(value)` does, without an intermediate string when it is short.
    static func appendNumber(_ value: Double, to buffer: inout [UInt8]) {
        if value.isFinite {
            buffer.append(contentsOf: value.description.utf8)
        } else {
            buffer.append(contentsOf: "null".utf8)
        }
    }

    /// Appends the members of one prediction object, without braces, so callers can add their own.
    static func appendMembers(
        input: PredictionInput, outcome: PredictionOutcome, timestamp: String, version: String, calendar: ForecastCalendarFields,
        to buffer: inout [UInt8]
    ) {
        // Bytes appended to one reserved buffer: no intermediate strings on the request path.
        buffer.append(contentsOf: "\"prediction_ca_jour_suivant\":".utf8)
        appendNumber(outcome.value, to: &buffer)
        buffer.append(contentsOf: ",\"inputs\":{\"ca_total\":".utf8)
        appendNumber(input.revenue, to: &buffer)
        buffer.append(contentsOf: ",\"nb_commandes\":".utf8)
        PlainDecimal.append(input.orderCount, to: &buffer)
        buffer.append(contentsOf: "},\"timestamp\":\"".utf8)
        buffer.append(contentsOf: timestamp.utf8)
        buffer.append(contentsOf: "\",\"model_version\":".utf8)
        JSONText.appendQuoted(version, to: &buffer)
        buffer.append(contentsOf: ",\"prediction_interval\":{\"lower\":".utf8)
        appendNumber(outcome.lower, to: &buffer)
        buffer.append(contentsOf: ",\"upper\":".utf8)
        appendNumber(outcome.upper, to: &buffer)
        buffer.append(contentsOf: ",\"quantiles\":[0.1,0.9]},\"date\":\"".utf8)
        buffer.append(contentsOf: calendar.date.utf8)
        buffer.append(contentsOf: "\",\"forecast_date\":\"".utf8)
        buffer.append(contentsOf: calendar.forecastDate.utf8)
        buffer.append(UInt8(ascii: "\""))
    }
}
