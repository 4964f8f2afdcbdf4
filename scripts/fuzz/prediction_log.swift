// libFuzzer harness: the prediction-log readers. `PredictionLogEntry.parse` (ForecastData) is
// the reference parser of one line; Monitoring's `PredictionLogReader` (plot, drift, accuracy)
// reads whole logs with a fast path for the common line shape and the reference parser for the
// rest. Built and run by scripts/fuzz.sh; the input is a log file.
//
// Invariants beyond "no crash":
// - an entry the reference parser accepts has finite numbers and an order count ≥ 0, and its
//   own line (`csvLine`) parses back to the same entry, and the line written with the numbers
//   the server formatted for its answer (`PredictionNumbers`) is the same line;
// - the fast path never accepts a line the reference parser refuses, and reads the same
//   numbers, version and instant from it;
// - every line of the log is a row, a blank line, the header or a malformed line: the counts
//   add up.
@testable import ForecastData
@testable import Monitoring

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    var lines: [(start: Int, end: Int)] = []
    var lineStart = 0
    while lineStart < size {
        var lineEnd = lineStart
        while lineEnd < size, bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
        lines.append((lineStart, lineEnd))
        lineStart = lineEnd + 1
    }
    var days = PredictionLogReader.LineDays()
    for (start, rawEnd) in lines {
        let end = rawEnd > start && bytes[rawEnd - 1] == UInt8(ascii: "\r") ? rawEnd - 1 : rawEnd
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        let entry = PredictionLogEntry.parse(Substring(text))
        if let entry { checkRoundTrip(entry, text) }
        if let row = PredictionLogReader.fastRow(bytes, start, end, days: &days) {
            guard let entry else { fatalError("invariant broken: fast path accepts '\(text)', the reference parser does not") }
            expect(row.revenue == entry.revenue && row.orders == Double(entry.orderCount) && row.prediction == entry.prediction,
                   "fast path reads other numbers from '\(text)'")
            let version = String(decoding: UnsafeBufferPointer(rebasing: bytes[row.versionStart..<row.versionEnd]), as: UTF8.self)
            expect(version == entry.modelVersion, "fast path reads version '\(version)' from '\(text)'")
            let stamp = Array(entry.timestamp.utf8)
            let time = stamp.withUnsafeBufferPointer { LogTimestamp.seconds($0, 0) }
            expect(time == row.time, "fast path reads time \(row.time), reference \(String(describing: time)) from '\(text)'")
        }
    }

    var log = PredictionLogData()
    var malformed = 0
    var examples: [Int] = []
    PredictionLogReader.parse(bytes, into: &log, malformed: &malformed, examples: &examples)
    let blank = lines.enumerated().filter { index, line in
        var end = line.end
        if end > line.start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        let bom = index == 0 && end - line.start >= 3 && bytes[line.start] == 0xEF && bytes[line.start + 1] == 0xBB
            && bytes[line.start + 2] == 0xBF ? 3 : 0
        return end == line.start + bom
    }.count
    let header = lines.first.map { line -> Int in
        var text = String(decoding: UnsafeBufferPointer(rebasing: bytes[line.start..<line.end]), as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return PredictionLogShape(header: Substring(text)) != nil ? 1 : 0
    } ?? 0
    expect(log.count + malformed + blank + header == lines.count,
           "\(log.count) rows + \(malformed) malformed + \(blank) blank + \(header) header ≠ \(lines.count) lines")
    expect(examples.count == min(malformed, 5), "\(examples.count) examples for \(malformed) malformed lines")
    for index in 0..<log.count {
        expect(log.revenues[index].isFinite && log.predictions[index].isFinite && log.orderCounts[index] >= 0,
               "row \(index) holds a number that is not finite")
    }
    return 0
}

private func checkRoundTrip(_ entry: PredictionLogEntry, _ text: String) {
    expect(entry.revenue.isFinite && entry.prediction.isFinite && entry.orderCount >= 0, "'\(text)' has bad numbers")
    if let calendar = entry.calendar {
        expect(calendar.lower.isFinite && calendar.upper.isFinite, "'\(text)' has bad bounds")
    }
    let shape: PredictionLogShape = entry.calendar != nil || text.hasSuffix(",,,,,") ? .calendar : .fiveColumns
    var line = entry.csvLine(shape: shape)
    expect(line.hasSuffix("\n"), "csvLine has no line end")
    line.removeLast()
    guard let again = PredictionLogEntry.parse(Substring(line)) else {
        fatalError("invariant broken: '\(text)' re-serialised as '\(line)' does not parse")
    }
    expect(again == entry, "'\(text)' re-serialised as '\(line)' parses to \(again), not \(entry)")
    // The server's path, with the numbers its answer formatted, writes the same line.
    let numbers = PredictionNumbers(
        revenue: entry.revenue, prediction: entry.prediction, lower: entry.calendar?.lower ?? 0, upper: entry.calendar?.upper ?? 0
    )
    var served: [UInt8] = []
    entry.appendCSVLine(shape: shape, numbers: numbers, to: &served)
    expect(String(decoding: served, as: UTF8.self) == line + "\n", "the served line of '\(text)' differs: \(served)")
}
