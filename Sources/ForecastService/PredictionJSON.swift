import ByteWriting
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

    /// Writes `text`'s number as `number` does, from its formatted digits.
    static func writeNumber(_ text: ShortestText, to out: inout ByteWriter) {
        if text.value.isFinite {
            text.writeDescription(to: &out)
        } else {
            out.write("null")
        }
    }

    /// Appends the members of one prediction object, without braces, so callers can add their own.
    /// `numbers` are the input's revenue and the outcome's value and bounds, formatted.
    static func appendMembers(
        input: PredictionInput, numbers: PredictionNumbers, timestamp: String, version: String, calendar: ForecastCalendarFields,
        to buffer: inout [UInt8]
    ) {
        // One reservation, then the pieces written without a capacity check each (`ByteWriter`).
        let bound = literalBytes + 4 * ShortestText.descriptionByteBound + ByteWriter.maxDecimalBytes + timestamp.utf8.count
            + JSONText.quotedByteBound(version) + calendar.date.utf8.count + calendar.forecastDate.utf8.count
        ByteWriter.append(to: &buffer, bound: bound) { out in
            out.write("\"prediction_ca_jour_suivant\":")
            writeNumber(numbers.prediction, to: &out)
            out.write(",\"inputs\":{\"ca_total\":")
            writeNumber(numbers.revenue, to: &out)
            out.write(",\"nb_commandes\":")
            out.writeDecimal(input.orderCount)
            out.write("},\"timestamp\":\"")
            out.write(string: timestamp)
            out.write("\",\"model_version\":")
            JSONText.writeQuoted(version, to: &out)
            out.write(",\"prediction_interval\":{\"lower\":")
            writeNumber(numbers.lower, to: &out)
            out.write(",\"upper\":")
            writeNumber(numbers.upper, to: &out)
            out.write(",\"quantiles\":[0.1,0.9]},\"date\":\"")
            out.write(string: calendar.date)
            out.write("\",\"forecast_date\":\"")
            out.write(string: calendar.forecastDate)
            out.write(byte: UInt8(ascii: "\""))
        }
    }

    /// The member names and punctuation `appendMembers` writes: 193 bytes, rounded up.
    private static let literalBytes = 256
}
