import Foundation

/// Reads and writes `data/processed/features_daily.csv` (SPEC.md): header
/// `date,ca_total,nb_commandes,label`, one row per calendar day in date order.
public enum FeaturesFile {
    public static let header = "date,ca_total,nb_commandes,label"

    /// The file's text for `records` (header first, LF line ends).
    public static func render(_ records: [DailyRecord]) -> String {
        var text = header + "\n"
        text.reserveCapacity(records.count * 48)
        for record in records {
            text += record.day.iso + "," + PlainDecimal.format(record.revenue) + "," + String(record.orderCount)
                + "," + PlainDecimal.format(record.label) + "\n"
        }
        return text
    }

    /// Replaces the file at `path` atomically.
    public static func write(_ records: [DailyRecord], to path: String) throws(FileError) {
        try AtomicFile.write(render(records), to: path)
    }

    /// Reads and validates the table at `path`: a features file (the header, every field, date
    /// order without gaps), or a folder of Spark part files (see `FeaturesFolder`).
    public static func read(from path: String) throws -> [DailyRecord] {
        if FeaturesFolder.isFolder(path) { return try FeaturesFolder.read(from: path) }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FileError.cannotRead(path: path, reason: "no such file; run 'forecast etl' first")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw FeaturesFileError(path: path, line: 0, problem: "not UTF-8 text")
        }
        return try parse(text, path: path)
    }

    /// Parses the text of a features file; `path` is used in error messages only.
    public static func parse(_ text: String, path: String) throws(FeaturesFileError) -> [DailyRecord] {
        let lines = lines(of: text)
        guard let first = lines.first else { throw FeaturesFileError(path: path, line: 1, problem: "the file is empty") }
        let headerLine = first.hasPrefix("\u{FEFF}") ? first.dropFirst() : first
        guard headerLine == header else {
            throw FeaturesFileError(path: path, line: 1, problem: "header is '\(headerLine)', expected '\(header)'")
        }
        var records: [DailyRecord] = []
        records.reserveCapacity(lines.count - 1)
        for (index, line) in lines.enumerated().dropFirst() {
            let number = index + 1
            let record = try parseRow(line, path: path, line: number)
            let day = record.day
            if let previous = records.last, day.ordinal != previous.day.ordinal + 1 {
                throw FeaturesFileError(
                    path: path, line: number, problem: "\(day) does not follow \(previous.day): days must be consecutive"
                )
            }
            records.append(record)
        }
        return records
    }

    /// The lines of `text` without their LF or CRLF ends, trailing blank lines dropped.
    static func lines(of text: String) -> [Substring] {
        // "\r\n" is one Character in Swift, so splitting on "\n" alone would not cut CRLF lines.
        var lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines
    }

    /// One data row, `date,ca_total,nb_commandes,label`; `line` is its 1-based number in `path`.
    static func parseRow(_ text: Substring, path: String, line: Int) throws(FeaturesFileError) -> DailyRecord {
        let fields = text.split(separator: ",", omittingEmptySubsequences: false)
        guard fields.count == 4 else {
            throw FeaturesFileError(path: path, line: line, problem: "expected 4 fields, found \(fields.count)")
        }
        guard let day = Day(iso: fields[0]) else {
            throw FeaturesFileError(path: path, line: line, problem: "date '\(fields[0])' is not YYYY-MM-DD")
        }
        // Spark writes large doubles in Java's form (`1.2345E7`), which Double(_:) reads too.
        guard let revenue = Double(fields[1]), revenue.isFinite,
              let orders = Int(fields[2]), orders >= 0,
              let label = Double(fields[3]), label.isFinite
        else {
            throw FeaturesFileError(path: path, line: line, problem: "'\(text)' has a field that is not a number")
        }
        return DailyRecord(day: day, revenue: revenue, orderCount: orders, label: label)
    }
}

/// A features file that does not match SPEC.md.
public struct FeaturesFileError: Error, Equatable, Sendable, CustomStringConvertible {
    public let path: String
    public let line: Int
    public let problem: String

    /// `line` 0 means the problem is the file or folder as a whole.
    public var description: String {
        let place = line > 0 ? "\(path) line \(line)" : path
        return "\(place): \(problem); regenerate it with 'forecast etl' (or scripts/spark/daily_features.py)"
    }
}
