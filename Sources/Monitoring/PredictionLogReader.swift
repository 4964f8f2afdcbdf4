#if canImport(Glibc)
import Glibc
#endif
import Foundation
import ForecastData

/// Reads prediction logs (SPEC.md `data/predictions_log.csv`) into `PredictionLogData`, fast.
///
/// A million lines must load well under a second, so the common line shapes (five columns, or
/// ten with the calendar fields) are parsed straight from the bytes (no String per line); any
/// line the fast path does not take is handed to `PredictionLogEntry.parse`, the reference
/// parser, so both accept exactly the same lines. Lines it rejects (torn, wrong field count,
/// not a number, impossible time or day) are counted.
enum PredictionLogReader {
    /// Reads every file in `paths`, in order, into one set of columns.
    static func read(paths: [String]) throws(MonitoringError) -> PredictionLogData {
        var data = PredictionLogData()
        for path in paths {
            guard let contents = FileManager.default.contents(atPath: path) else {
                let reason = FileManager.default.fileExists(atPath: path) ? "permission denied or not a file"
                    : "no such file; start 'forecast serve' and make a prediction first, or pass --log PATH"
                throw MonitoringError.unreadableLog(path: path, reason: reason)
            }
            data.reserve(data.count + contents.count / 70)
            let start = data.count
            var malformed = 0
            var examples: [Int] = []
            contents.withUnsafeBytes { raw in
                parse(raw.bindMemory(to: UInt8.self), into: &data, malformed: &malformed, examples: &examples)
            }
            data.sources.append(.init(path: path, range: start..<data.count, malformedLines: malformed, malformedExamples: examples))
        }
        return data
    }

    static let headerBytes = Array(PredictionLogEntry.header.utf8)
    static let fiveColumnHeaderBytes = Array(PredictionLogEntry.fiveColumnHeader.utf8)

    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, into data: inout PredictionLogData, malformed: inout Int,
                      examples: inout [Int]) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        var lineStart = 0
        var lineNumber = 0
        var lastVersion: (start: Int, end: Int, index: Int32)?
        var days = LineDays()
        // A log keeps the shape of its header: in a ten-column log a five-field line is a torn
        // one (cut inside its model version), not an old-style line. Without a header, both.
        var expectedFields: Int?
        while lineStart < bytes.count {
            lineNumber += 1
            let remaining = bytes.count - lineStart
            let newline = memchr(base + lineStart, 0x0A, remaining)
            let lineEnd = newline.map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) - base } ?? bytes.count
            var end = lineEnd
            if end > lineStart, bytes[end - 1] == 0x0D { end -= 1 }
            defer { lineStart = lineEnd + 1 }
            var start = lineStart
            if lineNumber == 1, end - start >= 3, bytes[start] == 0xEF, bytes[start + 1] == 0xBB, bytes[start + 2] == 0xBF {
                start += 3  // UTF-8 byte order mark
            }
            if start == end { continue }  // blank line
            if lineNumber == 1, let shape = headerShape(bytes, start, end) {
                expectedFields = shape.fieldCount
                continue
            }
            if let row = fastRow(bytes, start, end, days: &days), expectedFields.map({ $0 == row.fieldCount }) ?? true {
                let index: Int32
                let length = row.versionEnd - row.versionStart
                if let last = lastVersion, last.end - last.start == length,
                   memcmp(base + last.start, base + row.versionStart, length) == 0 {
                    index = last.index
                } else {
                    let version = String(decoding: UnsafeBufferPointer(rebasing: bytes[row.versionStart..<row.versionEnd]),
                                         as: UTF8.self)
                    index = data.versionIndex(version)
                    lastVersion = (row.versionStart, row.versionEnd, index)
                }
                data.append(time: row.time, revenue: row.revenue, orders: row.orders, prediction: row.prediction,
                            version: index, calendar: row.calendar)
            } else if let slow = slowRow(bytes, start, end), expectedFields.map({ $0 == slow.fieldCount }) ?? true {
                let entry = slow.entry
                data.append(time: slow.time, revenue: entry.revenue, orders: Double(entry.orderCount), prediction: entry.prediction,
                            version: data.versionIndex(entry.modelVersion), calendar: calendarColumns(entry.calendar))
            } else {
                malformed += 1
                if examples.count < 5 { examples.append(lineNumber) }
            }
        }
    }

    private static func headerShape(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> PredictionLogShape? {
        if equals(bytes, start, end, headerBytes) { return .calendar }
        if equals(bytes, start, end, fiveColumnHeaderBytes) { return .fiveColumns }
        return nil
    }

    private static func equals(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ expected: [UInt8]) -> Bool {
        guard end - start == expected.count else { return false }
        for offset in 0..<expected.count where bytes[start + offset] != expected[offset] { return false }
        return true
    }

    /// The reference parser, for lines the fast path does not take (quoted versions or ids,
    /// unusual number spellings). Its timestamp still has to be a real instant.
    private static func slowRow(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int)
        -> (time: Double, entry: PredictionLogEntry, fieldCount: Int)? {
        let line = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        guard let entry = PredictionLogEntry.parse(Substring(line)) else { return nil }
        let stamp = Array(entry.timestamp.utf8)
        guard let time = stamp.withUnsafeBufferPointer({ LogTimestamp.seconds($0, 0) }) else { return nil }
        // A parsed line without calendar has five fields, unless it ends with five empty ones
        // (an unquoted version holds no comma; a quoted one ends with a quote).
        let fieldCount = entry.calendar != nil || line.hasSuffix(",,,,,") ? 10 : 5
        return (time, entry, fieldCount)
    }

    private static func calendarColumns(_ fields: ForecastCalendarFields?) -> PredictionLogData.Calendar {
        guard let fields, let date = Day(iso: fields.date), let forecastDay = Day(iso: fields.forecastDate) else { return .absent }
        return .init(date: Int32(clamping: date.ordinal), forecastDay: Int32(clamping: forecastDay.ordinal),
                     lower: fields.lower, upper: fields.upper)
    }
}
