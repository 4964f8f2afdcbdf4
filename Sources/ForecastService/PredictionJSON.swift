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

    /// Appends `text`'s number as `number` does, from its formatted digits.
    static func appendNumber(_ text: ShortestText, to buffer: inout [UInt8]) {
        if text.value.isFinite {
            text.appendDescription(to: &buffer)
        } else {
            buffer.appendLiteral("null")
        }
    }

    /// Appends the members of one prediction object, without braces, so callers can add their own.
    /// `numbers` are the input's revenue and the outcome's value and bounds, formatted.
    static func appendMembers(
        input: PredictionInput, numbers: PredictionNumbers, timestamp: String, version: String, calendar: ForecastCalendarFields,
        to buffer: inout [UInt8]
    ) {
        // Bytes appended to one reserved buffer: no intermediate strings on the request path.
        buffer.appendLiteral("\"prediction_ca_jour_suivant\":")
        appendNumber(numbers.prediction, to: &buffer)
        buffer.appendLiteral(",\"inputs\":{\"ca_total\":")
        appendNumber(numbers.revenue, to: &buffer)
        buffer.appendLiteral(",\"nb_commandes\":")
        PlainDecimal.append(input.orderCount, to: &buffer)
        buffer.appendLiteral("},\"timestamp\":\"")
        buffer.appendUTF8(timestamp)
        buffer.appendLiteral("\",\"model_version\":")
        JSONText.appendQuoted(version, to: &buffer)
        buffer.appendLiteral(",\"prediction_interval\":{\"lower\":")
        appendNumber(numbers.lower, to: &buffer)
        buffer.appendLiteral(",\"upper\":")
        appendNumber(numbers.upper, to: &buffer)
        buffer.appendLiteral(",\"quantiles\":[0.1,0.9]},\"date\":\"")
        buffer.appendUTF8(calendar.date)
        buffer.appendLiteral("\",\"forecast_date\":\"")
        buffer.appendUTF8(calendar.forecastDate)
        buffer.append(UInt8(ascii: "\""))
    }
}
