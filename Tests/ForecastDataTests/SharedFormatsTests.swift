import ByteWriting
import Foundation
import Testing
@testable import ForecastData

/// The small formats every module shares: calendar days, plain decimals, the features file and
/// the prediction log line.
@Suite struct SharedFormatsTests {
    @Test func day_KnownDatesHaveTheirOrdinalsAndWeekdays() throws {
        #expect(Day(year: 1970, month: 1, day: 1)?.ordinal == 0)
        #expect(Day(year: 2000, month: 3, day: 1)?.ordinal == 11_017)
        let leapDay = try #require(Day(year: 2024, month: 2, day: 29))
        #expect(leapDay.iso == "2024-02-29")
        #expect(leapDay.weekday == 4)  // a Thursday
        #expect(Day(year: 2026, month: 11, day: 22)?.weekday == 7)  // a Sunday
        #expect(Day(year: 1969, month: 12, day: 31)?.ordinal == -1)
    }

    @Test func day_RejectsDatesThatDoNotExist() {
        #expect(Day(year: 2023, month: 2, day: 29) == nil)
        #expect(Day(year: 2024, month: 13, day: 1) == nil)
        #expect(Day(year: 2024, month: 4, day: 31) == nil)
        #expect(Day(iso: "2024-1-01") == nil)
        #expect(Day(iso: "2024-01-0x") == nil)
    }

    @Test func day_IsoRoundTripsOverFourCenturies() {
        for ordinal in stride(from: -146_097, through: 146_097, by: 97) {
            let day = Day(ordinal: ordinal)
            #expect(Day(iso: day.iso) == day)
        }
    }

    @Test func plainDecimal_NeverWritesAnExponentAndReadsBackExactly() {
        for value in [0.0, 1.5, -2.25, 12_345.67, 1e-5, -3.2e-11, 1e16, 123_456_789_012_345_678.0] {
            let text = PlainDecimal.format(value)
            #expect(!text.contains("e"), "\(text)")
            #expect(text.contains("."))
            #expect(Double(text) == value, "\(text) does not read back as \(value)")
        }
        #expect(PlainDecimal.format(-3.2e-11) == "-0.000000000032")
        #expect(PlainDecimal.format(1e16) == "10000000000000000.0")
        #expect(PlainDecimal.format(1.25e-5) == "0.0000125")
        for value in [0.0, -0.0, 1.5, -3.2e-11, 1e16, 18_827.325623157303, 1e-3, 1e-3.nextDown, 1e15, 1e15.nextDown, -1e15] {
            var bytes: [UInt8] = []
            PlainDecimal.append(value, to: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == PlainDecimal.format(value))
        }
    }

    @Test func plainDecimal_AppendsAfterWhatTheBufferHolds() {
        // The exponent case rewrites only its own bytes, not what came before.
        for value in [1e-5, -3.2e-11, 1e16, 18_827.325623157303] {
            var bytes = Array("a,b,".utf8)
            PlainDecimal.append(value, to: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == "a,b," + PlainDecimal.format(value))
        }
    }

    @Test func plainDecimal_AppendsDescriptionsWithoutAString() {
        let values = [0.0, -0.0, 1.5, 1e-5, .leastNonzeroMagnitude, .greatestFiniteMagnitude, 18_827.325623157303, .infinity, -.infinity, .nan,
                      -.signalingNaN, Double(bitPattern: 0x7FF8_0000_0000_1234)]
        for value in values {
            var bytes = Array("x".utf8)
            PlainDecimal.appendDescription(value, to: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == "x" + value.description)
        }
    }

    @Test func shortestText_WritesWhatDescriptionAndPlainDecimalWrite() {
        // The edges, then random bit patterns: every exponent, subnormals, NaN payloads.
        var values = [0.0, -0.0, 1.5, 1e-5, 1e-4, 9.999e15, 1e16, -3.2e-11, .leastNonzeroMagnitude, -.greatestFiniteMagnitude,
                      -.leastNonzeroMagnitude, 18_827.325623157303, 15_000, .infinity, -.infinity, .nan, -2.2250738585072014e-308]
        var generator = SplitMix64(seed: 11)
        values += (0..<20_000).map { _ in Double(bitPattern: generator.next()) }
        for value in values {
            let text = ShortestText(value)
            // Into room of the announced bounds (a write past them traps).
            var described: [UInt8] = [UInt8(ascii: "x")], plain: [UInt8] = [UInt8(ascii: "x")]
            ByteWriter.append(to: &described, bound: ShortestText.descriptionByteBound) { text.writeDescription(to: &$0) }
            ByteWriter.append(to: &plain, bound: text.plainByteBound) { text.writePlain(to: &$0) }
            #expect(described == Array(("x" + value.description).utf8))
            var expected: [UInt8] = [UInt8(ascii: "x")]
            PlainDecimal.append(value, to: &expected)
            #expect(plain == expected)
        }
    }

    @Test func predictionLogEntry_LineIsTheSameWithTheAnswersNumbers() {
        var generator = SplitMix64(seed: 5)
        for _ in 0..<2_000 {
            let revenue = Double(bitPattern: generator.next() >> 2), prediction = Double(generator.next() % 1_000_000) / 7
            let lower = prediction * 0.8, upper = prediction * 1e20
            let entry = PredictionLogEntry(
                timestamp: "2026-12-03T10:15:30.123Z", revenue: revenue, orderCount: 3, prediction: prediction, modelVersion: "v1",
                calendar: ForecastCalendarFields(date: "2026-12-02", forecastDate: "2026-12-03", lower: lower, upper: upper, requestID: "r")
            )
            let numbers = PredictionNumbers(revenue: revenue, prediction: prediction, lower: lower, upper: upper)
            for shape in [PredictionLogShape.calendar, .fiveColumns] {
                var plain: [UInt8] = [], formatted: [UInt8] = []
                entry.appendCSVLine(shape: shape, to: &plain)
                entry.appendCSVLine(shape: shape, numbers: numbers, to: &formatted)
                #expect(plain == formatted)
            }
        }
    }

    @Test(arguments: [0, 7, 10, 320, -45, Int.max, Int.min])
    func plainDecimal_AppendsIntegersAsStringDoes(value: Int) {
        var bytes: [UInt8] = [UInt8(ascii: "x")]
        PlainDecimal.append(value, to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == "x" + String(value))
    }

    @Test func featuresFile_RoundTripsThroughItsText() throws {
        let start = try #require(Day(iso: "2024-01-30"))
        let records = [
            DailyRecord(day: start, revenue: 100.5, orderCount: 3, label: 0),
            DailyRecord(day: start.adding(days: 1), revenue: 0, orderCount: 0, label: -20.25),
        ]
        let text = FeaturesFile.render(records)
        #expect(text == "date,ca_total,nb_commandes,label\n2024-01-30,100.5,3,0.0\n2024-01-31,0.0,0,-20.25\n")
        #expect(try FeaturesFile.parse(text, path: "f.csv") == records)
    }

    @Test func featuresFile_NamesTheLineAndProblem() {
        let header = "date,ca_total,nb_commandes,label\n"
        #expect(throws: FeaturesFileError(path: "f.csv", line: 1, problem: "header is 'a,b', expected '\(FeaturesFile.header)'")) {
            try FeaturesFile.parse("a,b\n", path: "f.csv")
        }
        #expect(throws: FeaturesFileError(path: "f.csv", line: 3, problem: "2024-01-03 does not follow 2024-01-01: days must be consecutive")) {
            try FeaturesFile.parse(header + "2024-01-01,1,1,1\n2024-01-03,1,1,1\n", path: "f.csv")
        }
        #expect(throws: FeaturesFileError.self) {
            try FeaturesFile.parse(header + "2024-01-01,abc,1,1\n", path: "f.csv")
        }
    }

    @Test func predictionLogEntry_RoundTripsAndQuotesHostileVersions() throws {
        let entry = PredictionLogEntry(
            timestamp: "2026-11-22T10:15:30.123Z", revenue: 15_000, orderCount: 320, prediction: 16_234.56,
            modelVersion: "v1,\"evil\""
        )
        #expect(entry.csvLine(shape: .fiveColumns) == "2026-11-22T10:15:30.123Z,15000.0,320,16234.56,\"v1,\"\"evil\"\"\"\n")
        let parsed = try #require(PredictionLogEntry.parse(entry.csvLine(shape: .fiveColumns).dropLast()))
        #expect(parsed == entry)
    }

    @Test func predictionLogEntry_CalendarLineRoundTripsWithAllTenColumns() throws {
        let entry = PredictionLogEntry(
            timestamp: "2026-11-22T10:15:30.123Z", revenue: 15_000, orderCount: 320, prediction: 16_234.56,
            modelVersion: "v0001,odd", calendar: ForecastCalendarFields(
                date: "2026-11-22", forecastDate: "2026-11-23", lower: 14_000.5, upper: 18_000, requestID: "req-1"
            )
        )
        let line = entry.csvLine
        #expect(line == "2026-11-22T10:15:30.123Z,15000.0,320,16234.56,\"v0001,odd\",2026-11-22,2026-11-23,14000.5,18000.0,req-1\n")
        #expect(try #require(PredictionLogEntry.parse(line.dropLast())) == entry)
        #expect(PredictionLogEntry.header.split(separator: ",").count == PredictionLogShape.calendar.fieldCount)
    }

    @Test func predictionLogEntry_CalendarLineWithoutCalendar_ReadsBackWithNilCalendar() throws {
        let entry = PredictionLogEntry(
            timestamp: "2026-11-22T10:15:30.123Z", revenue: 15_000, orderCount: 320, prediction: 16_234.56, modelVersion: "v1"
        )
        let line = entry.csvLine(shape: .calendar)
        #expect(line.hasSuffix(",v1,,,,,\n"))
        #expect(try #require(PredictionLogEntry.parse(line.dropLast())) == entry)
        // Only some calendar fields empty is a torn or edited line.
        #expect(PredictionLogEntry.parse("2026-11-22T10:15:30.123Z,1.0,3,1.0,v1,2026-11-22,,,,") == nil)
    }

    @Test func predictionLogShape_ComesFromTheHeader() {
        #expect(PredictionLogShape(header: Substring(PredictionLogEntry.header)) == .calendar)
        #expect(PredictionLogShape(header: "\u{FEFF}" + PredictionLogEntry.fiveColumnHeader + "\r") == .fiveColumns)
        #expect(PredictionLogShape(header: "timestamp,prediction") == nil)
    }

    @Test func predictionLogEntry_RejectsTornAndMalformedLines() {
        #expect(PredictionLogEntry.parse("2026-11-22T10:15:30.123Z,15000.0,320") == nil)
        #expect(PredictionLogEntry.parse("2026-11-22T10:15,15000.0,320,1.0,v1") == nil)
        #expect(PredictionLogEntry.parse("2026-11-22T10:15:30.123Z,abc,320,1.0,v1") == nil)
        #expect(PredictionLogEntry.parse("2026-11-22T10:15:30.123Z,1.0,-3,1.0,v1") == nil)
        #expect(PredictionLogEntry.parse("2026-11-22T10:15:30.123Z,1.0,3,1.0,") == nil)
        #expect(PredictionLogEntry.parse("2026-11-22T10:15:30.123Z,1.0,3,1.0,\"v1") == nil)
        // A calendar line torn inside its new columns, or with a bad day.
        #expect(PredictionLogEntry.parse("2026-11-22T10:15:30.123Z,1.0,3,1.0,v1,2026-11-22,2026-11-23,1.0") == nil)
        #expect(PredictionLogEntry.parse("2026-11-22T10:15:30.123Z,1.0,3,1.0,v1,2026-11-22,2026-13-23,1.0,2.0,r") == nil)
        #expect(PredictionLogEntry.parse("2026-11-22T10:15:30.123Z,1.0,3,1.0,v1,2026-11-22,2026-11-23,nan,2.0,r") == nil)
    }

    @Test func atomicFile_ReplacesWholeFileAndLeavesNoTemporaries() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("atomic-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("sub/out.csv").path
        try AtomicFile.write("first\n", to: path)
        try AtomicFile.write("second\n", to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "second\n")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("sub").path)
        #expect(names == ["out.csv"])
    }
}
