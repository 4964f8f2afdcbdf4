import Foundation

/// One line of `data/predictions_log.csv` (SPEC.md): header
/// `timestamp,ca_total,nb_commandes,prediction,model_version`.
///
/// The server writes lines with `csvLine`; `forecast plot` and `forecast drift` read them back
/// with `parse`, which rejects torn or malformed lines instead of guessing.
public struct PredictionLogEntry: Equatable, Sendable {
    public static let header = "timestamp,ca_total,nb_commandes,prediction,model_version"

    /// ISO 8601 UTC with milliseconds, e.g. `2026-11-22T10:15:30.123Z`.
    public var timestamp: String
    public var revenue: Double
    public var orderCount: Int
    public var prediction: Double
    public var modelVersion: String

    public init(timestamp: String, revenue: Double, orderCount: Int, prediction: Double, modelVersion: String) {
        self.timestamp = timestamp
        self.revenue = revenue
        self.orderCount = orderCount
        self.prediction = prediction
        self.modelVersion = modelVersion
    }

    /// The line for this entry, ending in `\n`. The model version is quoted (RFC 4180) when it
    /// holds a comma, a quote or a line break, so a hostile version cannot shift the columns.
    public var csvLine: String {
        timestamp + "," + PlainDecimal.format(revenue) + "," + String(orderCount) + ","
            + PlainDecimal.format(prediction) + "," + PredictionLogEntry.quoted(modelVersion) + "\n"
    }

    /// Parses one line (without its line end); nil when it is torn or malformed.
    public static func parse(_ line: Substring) -> PredictionLogEntry? {
        var fields: [Substring] = []
        var rest = line
        for _ in 0..<4 {
            guard let comma = rest.firstIndex(of: ",") else { return nil }
            fields.append(rest[..<comma])
            rest = rest[rest.index(after: comma)...]
        }
        guard let version = unquoted(rest), !version.isEmpty,
              isTimestamp(fields[0]),
              let revenue = Double(fields[1]), revenue.isFinite,
              let orders = Int(fields[2]), orders >= 0,
              let prediction = Double(fields[3]), prediction.isFinite
        else { return nil }
        return PredictionLogEntry(
            timestamp: String(fields[0]), revenue: revenue, orderCount: orders, prediction: prediction,
            modelVersion: version
        )
    }

    static func quoted(_ field: String) -> String {
        // Bytes, not Characters: this runs once per logged prediction.
        let needsQuotes = field.utf8.contains { byte in
            byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
        }
        guard needsQuotes else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    private static func unquoted(_ field: Substring) -> String? {
        guard field.hasPrefix("\"") else { return field.contains("\"") ? nil : String(field) }
        guard field.count >= 2, field.hasSuffix("\"") else { return nil }
        let inner = field.dropFirst().dropLast()
        return inner.replacingOccurrences(of: "\"\"", with: "\"")
    }

    /// `YYYY-MM-DDTHH:MM:SS.mmmZ`, checked for shape.
    private static func isTimestamp(_ text: Substring) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 24 else { return false }
        let digitPositions = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18, 20, 21, 22]
        let separators: [(Int, Character)] = [(4, "-"), (7, "-"), (10, "T"), (13, ":"), (16, ":"), (19, "."), (23, "Z")]
        return digitPositions.allSatisfy { bytes[$0] >= 48 && bytes[$0] <= 57 }
            && separators.allSatisfy { bytes[$0.0] == $0.1.asciiValue! }
    }
}
