/// One line of `data/explanations_log.csv`: one feature's contribution to one explained forecast.
///
/// The log is long-format (one line per feature of each request that asked for `"explain":
/// true`) and separate from the prediction log, whose columns SPEC.md fixes; `request_id` joins
/// the two. The server writes lines with `csvLine`; `forecast plot` reads them with `parse`.
public struct ExplanationLogEntry: Equatable, Sendable {
    /// The header of the file.
    public static let header = "timestamp,request_id,model_version,forecast_date,expected_value,feature,contribution"
    /// The number of fields of a line.
    public static let fieldCount = 7

    /// The explained request's timestamp, as in its prediction log line.
    public var timestamp: String
    public var requestID: String
    public var modelVersion: String
    /// The day forecast, `YYYY-MM-DD`.
    public var forecastDate: String
    /// The model's baseline for this forecast (the same on every line of one request).
    public var expectedValue: Double
    public var feature: String
    public var contribution: Double

    public init(timestamp: String, requestID: String, modelVersion: String, forecastDate: String, expectedValue: Double,
                feature: String, contribution: Double) {
        self.timestamp = timestamp
        self.requestID = requestID
        self.modelVersion = modelVersion
        self.forecastDate = forecastDate
        self.expectedValue = expectedValue
        self.feature = feature
        self.contribution = contribution
    }

    /// The line, ending in `\n`; text fields quoted (RFC 4180) when they need it. Numbers are
    /// written in full (`PlainDecimal`), so they read back bit for bit.
    public var csvLine: String {
        var bytes: [UInt8] = []
        appendCSVLine(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `csvLine` to `buffer` (the server's path: bytes, no intermediate strings).
    public func appendCSVLine(to buffer: inout [UInt8]) {
        let comma = UInt8(ascii: ",")
        buffer.append(contentsOf: timestamp.utf8)
        buffer.append(comma)
        PredictionLogEntry.appendQuoted(requestID, to: &buffer)
        buffer.append(comma)
        PredictionLogEntry.appendQuoted(modelVersion, to: &buffer)
        buffer.append(comma)
        buffer.append(contentsOf: forecastDate.utf8)
        buffer.append(comma)
        PlainDecimal.append(expectedValue, to: &buffer)
        buffer.append(comma)
        PredictionLogEntry.appendQuoted(feature, to: &buffer)
        buffer.append(comma)
        PlainDecimal.append(contribution, to: &buffer)
        buffer.append(0x0A)
    }

    /// Why a line is not an explanations log line: the column at fault, or nil for the line's
    /// shape (field count, quotes).
    public struct ParseFailure: Error, Equatable, Sendable {
        /// The column whose value is wrong; nil when the line does not split into 7 fields.
        public var column: String?
        /// The value found in that column.
        public var value: String
    }

    /// Parses one line (without its line end).
    public static func parse(_ line: Substring) -> Result<ExplanationLogEntry, ParseFailure> {
        guard let fields = PredictionLogEntry.splitFields(line), fields.count == fieldCount else {
            return .failure(ParseFailure(column: nil, value: String(line.prefix(80))))
        }
        if !PredictionLogEntry.isTimestamp(fields[0]) { return .failure(ParseFailure(column: "timestamp", value: fields[0])) }
        if fields[2].isEmpty { return .failure(ParseFailure(column: "model_version", value: "")) }
        if Day(iso: fields[3]) == nil { return .failure(ParseFailure(column: "forecast_date", value: fields[3])) }
        guard let expected = Double(fields[4]), expected.isFinite else {
            return .failure(ParseFailure(column: "expected_value", value: fields[4]))
        }
        if fields[5].isEmpty { return .failure(ParseFailure(column: "feature", value: "")) }
        guard let contribution = Double(fields[6]), contribution.isFinite else {
            return .failure(ParseFailure(column: "contribution", value: fields[6]))
        }
        return .success(ExplanationLogEntry(timestamp: fields[0], requestID: fields[1], modelVersion: fields[2],
                                            forecastDate: fields[3], expectedValue: expected, feature: fields[5],
                                            contribution: contribution))
    }
}
