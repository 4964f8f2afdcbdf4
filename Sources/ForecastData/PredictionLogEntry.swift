import ByteWriting
import Foundation

/// The two shapes a prediction log can have (SPEC.md `data/predictions_log.csv`).
///
/// A log keeps the shape of its header for its whole life: the server appends to a
/// `fiveColumns` log in that shape, so one file never mixes lines of both shapes.
public enum PredictionLogShape: Sendable, Equatable {
    /// `timestamp,ca_total,nb_commandes,prediction,model_version`: logs written before the
    /// calendar columns existed.
    case fiveColumns
    /// The five columns, then `date,forecast_date,lower,upper,request_id`.
    case calendar

    /// The header line of this shape, without its line end.
    public var header: String {
        switch self {
        case .fiveColumns: PredictionLogEntry.fiveColumnHeader
        case .calendar: PredictionLogEntry.header
        }
    }

    /// The number of fields of a line.
    public var fieldCount: Int {
        switch self {
        case .fiveColumns: 5
        case .calendar: 10
        }
    }

    /// The shape whose header is `line` (a UTF-8 byte order mark and a trailing `\r` are
    /// ignored); nil when it is neither.
    public init?(header line: Substring) {
        var text = line
        if text.hasPrefix("\u{FEFF}") { text = text.dropFirst() }
        if text.hasSuffix("\r") { text = text.dropLast() }
        switch text {
        case PredictionLogEntry.header: self = .calendar
        case PredictionLogEntry.fiveColumnHeader: self = .fiveColumns
        default: return nil
        }
    }
}

/// What a calendar-shaped log line adds to the five original columns: which day the inputs
/// describe, which day was forecast, the interval served, and the request's id.
public struct ForecastCalendarFields: Equatable, Sendable {
    /// The day the request's `ca_total` and `nb_commandes` describe, `YYYY-MM-DD`.
    public var date: String
    /// The day forecast (the day after `date`), `YYYY-MM-DD`.
    public var forecastDate: String
    /// Lower and upper bound of the served interval.
    public var lower: Double
    public var upper: Double
    /// The request's `X-Request-Id` (the client's when valid, else one the server made).
    public var requestID: String

    public init(date: String, forecastDate: String, lower: Double, upper: Double, requestID: String) {
        self.date = date
        self.forecastDate = forecastDate
        self.lower = lower
        self.upper = upper
        self.requestID = requestID
    }
}

/// One line of `data/predictions_log.csv` (SPEC.md).
///
/// The server writes lines with `csvLine(shape:)`; `forecast plot`, `drift` and `accuracy` read
/// them back with `parse`, which rejects torn or malformed lines instead of guessing.
public struct PredictionLogEntry: Equatable, Sendable {
    private var comma: UInt8 { UInt8(ascii: ",") }
    /// The header of a new log.
    public static let header =
        "timestamp,ca_total,nb_commandes,prediction,model_version,date,forecast_date,lower,upper,request_id"
    /// The header of a log from before the calendar columns.
    public static let fiveColumnHeader = "timestamp,ca_total,nb_commandes,prediction,model_version"

    /// ISO 8601 UTC with milliseconds, e.g. `2026-11-22T10:15:30.123Z`.
    public var timestamp: String
    public var revenue: Double
    public var orderCount: Int
    public var prediction: Double
    public var modelVersion: String
    /// nil for a line of a five-column log.
    public var calendar: ForecastCalendarFields?

    public init(
        timestamp: String, revenue: Double, orderCount: Int, prediction: Double, modelVersion: String,
        calendar: ForecastCalendarFields? = nil
    ) {
        self.timestamp = timestamp
        self.revenue = revenue
        self.orderCount = orderCount
        self.prediction = prediction
        self.modelVersion = modelVersion
        self.calendar = calendar
    }

    /// The line for this entry in a log of `shape`, ending in `\n`. Text fields are quoted
    /// (RFC 4180) when they hold a comma, a quote or a line break, so a hostile version cannot
    /// shift the columns. A calendar line without calendar fields leaves them empty.
    public func csvLine(shape: PredictionLogShape) -> String {
        var bytes: [UInt8] = []
        appendCSVLine(shape: shape, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `csvLine(shape:)` to `buffer` (the server's path: bytes, no intermediate strings).
    ///
    /// `numbers`, when given, are this entry's revenue, prediction and interval already
    /// formatted (the server formatted them for the answer); the line is the same either way.
    public func appendCSVLine(shape: PredictionLogShape, numbers: PredictionNumbers? = nil, to buffer: inout [UInt8]) {
        assert(numbers.map { matches($0) } ?? true, "the formatted numbers are another entry's")
        // Without numbers, each is formatted here: `ShortestText`'s plain form is
        // `PlainDecimal.format`'s, byte for byte.
        let numbers = numbers ?? PredictionNumbers(
            revenue: revenue, prediction: prediction, lower: calendar?.lower ?? 0, upper: calendar?.upper ?? 0
        )
        // One reservation for the whole line, then unchecked-capacity writes (`ByteWriter`).
        var bound = timestamp.utf8.count + numbers.revenue.plainByteBound + ByteWriter.maxDecimalBytes
            + numbers.prediction.plainByteBound + PredictionLogEntry.quotedByteBound(modelVersion) + 10
        if shape == .calendar, let calendar {
            bound += calendar.date.utf8.count + calendar.forecastDate.utf8.count + numbers.lower.plainByteBound
                + numbers.upper.plainByteBound + PredictionLogEntry.quotedByteBound(calendar.requestID)
        }
        ByteWriter.append(to: &buffer, bound: bound) { out in
            out.write(string: timestamp)
            out.write(byte: comma)
            numbers.revenue.writePlain(to: &out)
            out.write(byte: comma)
            out.writeDecimal(orderCount)
            out.write(byte: comma)
            numbers.prediction.writePlain(to: &out)
            out.write(byte: comma)
            PredictionLogEntry.writeQuoted(modelVersion, to: &out)
            if shape == .calendar {
                if let calendar {
                    out.write(byte: comma)
                    out.write(string: calendar.date)
                    out.write(byte: comma)
                    out.write(string: calendar.forecastDate)
                    out.write(byte: comma)
                    numbers.lower.writePlain(to: &out)
                    out.write(byte: comma)
                    numbers.upper.writePlain(to: &out)
                    out.write(byte: comma)
                    PredictionLogEntry.writeQuoted(calendar.requestID, to: &out)
                } else {
                    out.write(",,,,,")
                }
            }
            out.write(byte: 0x0A)
        }
    }

    /// Whether `numbers` are this entry's (bit for bit; the interval only when it has one).
    private func matches(_ numbers: PredictionNumbers) -> Bool {
        numbers.revenue.value.bitPattern == revenue.bitPattern && numbers.prediction.value.bitPattern == prediction.bitPattern
            && (calendar.map {
                numbers.lower.value.bitPattern == $0.lower.bitPattern && numbers.upper.value.bitPattern == $0.upper.bitPattern
            } ?? true)
    }

    /// The line for a new (calendar-shaped) log.
    public var csvLine: String { csvLine(shape: .calendar) }

    /// Parses one line (without its line end) of either shape, told apart by the number of
    /// fields; nil when it is torn or malformed. Empty calendar fields give a nil `calendar`.
    public static func parse(_ line: Substring) -> PredictionLogEntry? {
        guard let fields = splitFields(line) else { return nil }
        guard fields.count == 5 || fields.count == 10 else { return nil }
        guard !fields[4].isEmpty,
              isTimestamp(fields[0]),
              let revenue = Double(fields[1]), revenue.isFinite,
              let orders = Int(fields[2]), orders >= 0,
              let prediction = Double(fields[3]), prediction.isFinite
        else { return nil }
        var entry = PredictionLogEntry(
            timestamp: fields[0], revenue: revenue, orderCount: orders, prediction: prediction, modelVersion: fields[4]
        )
        // A calendar line whose five calendar fields are empty is what `csvLine(shape: .calendar)`
        // writes for an entry without calendar: read back as such, not as a torn line.
        if fields.count == 10, !fields[5...].allSatisfy(\.isEmpty) {
            guard Day(iso: fields[5]) != nil, Day(iso: fields[6]) != nil,
                  let lower = Double(fields[7]), lower.isFinite,
                  let upper = Double(fields[8]), upper.isFinite
            else { return nil }
            entry.calendar = ForecastCalendarFields(
                date: fields[5], forecastDate: fields[6], lower: lower, upper: upper, requestID: fields[9]
            )
        }
        return entry
    }

    /// Splits an RFC 4180 line into its fields, unquoting quoted ones; nil when a quote is
    /// unbalanced or stray.
    static func splitFields(_ line: Substring) -> [String]? {
        var fields: [String] = []
        var bytes = Array(line.utf8)[...]
        while true {
            if bytes.first == UInt8(ascii: "\"") {
                var field: [UInt8] = []
                var index = bytes.index(after: bytes.startIndex)
                var closed = false
                while index < bytes.endIndex {
                    if bytes[index] == UInt8(ascii: "\"") {
                        let next = bytes.index(after: index)
                        if next < bytes.endIndex, bytes[next] == UInt8(ascii: "\"") {
                            field.append(UInt8(ascii: "\""))
                            index = bytes.index(after: next)
                            continue
                        }
                        closed = true
                        index = next
                        break
                    }
                    field.append(bytes[index])
                    index = bytes.index(after: index)
                }
                guard closed else { return nil }
                fields.append(String(decoding: field, as: UTF8.self))
                bytes = bytes[index...]
                if bytes.isEmpty { return fields }
                guard bytes.first == UInt8(ascii: ",") else { return nil }
                bytes = bytes.dropFirst()
            } else {
                let comma = bytes.firstIndex(of: UInt8(ascii: ",")) ?? bytes.endIndex
                let field = bytes[..<comma]
                guard !field.contains(UInt8(ascii: "\"")) else { return nil }
                fields.append(String(decoding: field, as: UTF8.self))
                if comma == bytes.endIndex { return fields }
                bytes = bytes[bytes.index(after: comma)...]
            }
        }
    }

    /// A byte that makes a field need quotes (RFC 4180).
    private static func needsQuoting(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
    }

    /// Appends `field`, quoted (RFC 4180) only when it holds a comma, a quote or a line break.
    static func appendQuoted(_ field: String, to buffer: inout [UInt8]) {
        ByteWriter.append(to: &buffer, bound: quotedByteBound(field)) { writeQuoted(field, to: &$0) }
    }

    /// The most bytes `writeQuoted(field)` writes: every byte a doubled quote, and the quotes.
    static func quotedByteBound(_ field: String) -> Int { 2 * field.utf8.count + 2 }

    /// Writes `field`, quoted (RFC 4180) only when it holds a comma, a quote or a line break.
    static func writeQuoted(_ field: String, to out: inout ByteWriter) {
        var field = field
        // Over the contiguous bytes (the generic UTF8View loop costs ~35 instructions a byte):
        // this runs twice per logged prediction.
        field.withUTF8 { bytes in
            guard bytes.contains(where: needsQuoting) else { return out.write(bytes) }
            out.write(byte: UInt8(ascii: "\""))
            for byte in bytes {
                out.write(byte: byte)
                if byte == UInt8(ascii: "\"") { out.write(byte: byte) }
            }
            out.write(byte: UInt8(ascii: "\""))
        }
    }

    /// `YYYY-MM-DDTHH:MM:SS.mmmZ`, checked for shape.
    static func isTimestamp(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 24 else { return false }
        let digitPositions = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18, 20, 21, 22]
        let separators: [(Int, Character)] = [(4, "-"), (7, "-"), (10, "T"), (13, ":"), (16, ":"), (19, "."), (23, "Z")]
        return digitPositions.allSatisfy { bytes[$0] >= 48 && bytes[$0] <= 57 }
            && separators.allSatisfy { bytes[$0.0] == $0.1.asciiValue! }
    }
}
