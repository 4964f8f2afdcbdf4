import ForecastData
import Testing
@testable import Monitoring

/// The byte-level reader must accept exactly what `PredictionLogEntry.parse` accepts, in both
/// log shapes, and keep the calendar fields.
@Suite struct PredictionLogReaderTests {
    @Test func calendarLines_KeepTheirDaysAndInterval() throws {
        let text = LogFixtures.calendarHeader
            + "2026-11-22T10:15:30.123Z,15000.5,320,16234.56,v1,2026-11-22,2026-11-23,14000.25,18000,req-1\n"
        let (data, malformed, _) = LogFixtures.read(text)
        #expect(malformed == 0)
        try #require(data.count == 1)
        #expect(data.dates[0] == Int32(LogFixtures.ordinal("2026-11-22")))
        #expect(data.forecastDays[0] == Int32(LogFixtures.ordinal("2026-11-23")))
        #expect(data.lowers[0] == 14000.25 && data.uppers[0] == 18000)
        #expect(data.predictions[0] == 16234.56 && data.revenues[0] == 15000.5 && data.orderCounts[0] == 320)
        #expect(data.version(at: 0) == "v1")
    }

    @Test func fiveColumnLines_HaveNoCalendar() {
        let (data, malformed, _) = LogFixtures.read(LogFixtures.fiveColumnHeader + "2026-11-22T10:15:30.123Z,15000,320,16000,v1\n")
        #expect(malformed == 0 && data.count == 1)
        #expect(data.forecastDays[0] == PredictionLogData.noDay && data.lowers[0].isNaN)
    }

    @Test func calendarLineWithEmptyCalendarFields_IsReadWithoutCalendar() {
        let (data, malformed, _) = LogFixtures.read(LogFixtures.calendarHeader + "2026-11-22T10:15:30.123Z,15000,320,16000,v1,,,,,\n")
        #expect(malformed == 0 && data.count == 1)
        #expect(data.forecastDays[0] == PredictionLogData.noDay)
    }

    /// Lines the fast path leaves to the reference parser give the same columns.
    @Test func quotedVersionOrID_TakesTheReferenceParser_SameValues() {
        let plain = "2026-11-22T10:15:30.123Z,15000,320,16000,v1,2026-11-22,2026-11-23,1e4,2.0E4,id\n"
        let quoted = "2026-11-22T10:15:30.123Z,15000,320,16000,\"v1\",2026-11-22,2026-11-23,10000,20000,\"id\"\n"
        let a = LogFixtures.read(LogFixtures.calendarHeader + plain).data
        let b = LogFixtures.read(LogFixtures.calendarHeader + quoted).data
        #expect(a.count == 1 && b.count == 1)
        #expect(a.forecastDays == b.forecastDays && a.dates == b.dates && a.lowers == b.lowers && a.uppers == b.uppers)
        #expect(a.version(at: 0) == b.version(at: 0))
    }

    @Test func tornOrBadCalendarLines_AreCountedWithTheirLineNumbers() {
        let good = "2026-11-22T10:15:30.123Z,15000,320,16000,v1,2026-11-22,2026-11-23,1,2,r\n"
        let text = LogFixtures.calendarHeader + good
            + "2026-11-22T10:15:30.123Z,15000,320,16000,v1,2026-11-22,2026-11-23,1\n"  // torn
            + "2026-11-22T10:15:30.123Z,15000,320,16000,v1,2026-02-30,2026-11-23,1,2,r\n"  // no such day
            + "2026-11-22T10:15:30.123Z,15000,320,16000,v1,2026-11-22,2026-11-23,1,2,r,extra\n"  // eleven fields
            + "2026-11-22T10:15:30.123Z,15000,320,16000,v1,2026-11-22,,,,\n"  // calendar half empty
            + good
        let (data, malformed, examples) = LogFixtures.read(text)
        #expect(data.count == 2)
        #expect(malformed == 4)
        #expect(examples == [3, 4, 5, 6])
        for line in text.split(separator: "\n").dropFirst() {
            let fast = LogFixtures.read(String(line) + "\n").data.count == 1
            #expect(fast == (PredictionLogEntry.parse(line) != nil), "\(line)")
        }
    }

    /// A line cut at every byte (a torn write) is read exactly when the reference parser
    /// reads it: the fast path never accepts what `PredictionLogEntry.parse` rejects.
    @Test func everyTruncation_FastPathAgreesWithTheReferenceParser() {
        let lines = ["2026-11-22T10:15:30.123Z,15000.5,320,16234.56,v0001-20261122T101530Z,2026-11-22,2026-11-23,14000.25,18000,req-1",
                     "2026-11-22T10:15:30.123Z,-0.5,0,1e3,\"v,1\",2026-11-22,2026-11-23,1,2,\"id\"",
                     "2026-11-22T10:15:30.123Z,15000,320,16000,v1,,,,,"]
        for line in lines {
            for length in 1...line.utf8.count {
                let cut = String(decoding: Array(line.utf8)[..<length], as: UTF8.self)
                let read = LogFixtures.read(cut + "\n").data
                let reference = PredictionLogEntry.parse(Substring(cut))
                #expect((read.count == 1) == (reference != nil), "\(cut)")
                if let reference, read.count == 1 {
                    #expect(read.predictions[0] == reference.prediction && read.version(at: 0) == reference.modelVersion, "\(cut)")
                    #expect((read.forecastDays[0] == PredictionLogData.noDay) == (reference.calendar == nil), "\(cut)")
                    #expect(read.uppers[0].isNaN || read.uppers[0] == reference.calendar?.upper, "\(cut)")
                }
            }
        }
    }

    @Test func bothShapesInSeveralFiles_AreReadInOrder() throws {
        let directory = try TemporaryFolder()
        defer { directory.remove() }
        let five = try directory.write(LogFixtures.fiveColumnHeader + "2026-11-20T10:00:00.000Z,1,1,1,v0\n", to: "a.csv")
        let calendar = try directory.write(
            LogFixtures.calendarHeader + LogFixtures.line("2026-11-21T10:00:00.000Z", forecast: "2026-11-22", prediction: 2,
                                                          lower: 1, upper: 3), to: "b.csv")
        let data = try PredictionLogReader.read(paths: [five, calendar])
        #expect(data.count == 2)
        #expect(data.sources.map(\.range) == [0..<1, 1..<2])
        #expect(data.forecastDays[0] == PredictionLogData.noDay && data.forecastDays[1] == Int32(LogFixtures.ordinal("2026-11-22")))
    }
}

/// The fast decimal road must give the very bits `Double(String)` gives.
@Suite struct PlainDecimalReadingTests {
    @Test func numbersAsTheServerWritesThem_EqualDoubleOfString() {
        var generator = SystemRandomNumberGenerator()
        var texts = ["0", "-0", "0.1", "0.3", "123456789012345", "99999.99999", "-1.5", "1e3", "+5", "15000.0", "0.000001",
                     "1234567890123456789", "3.14159265358979323846"]
        for _ in 0..<2000 {
            let value = Double.random(in: -1e7...1e7, using: &generator)
            texts.append(String(format: "%.\(Int.random(in: 0...6, using: &generator))f", value))
            texts.append(String(value))
        }
        for text in texts {
            let line = "2026-11-22T10:15:30.123Z,\(text),3,\(text),v1\n"
            let data = LogFixtures.read(line).data
            let expected = Double(text)
            #expect(data.count == 1 && data.revenues.first?.bitPattern == expected?.bitPattern, "\(text)")
            #expect(data.predictions.first?.bitPattern == expected?.bitPattern, "\(text)")
        }
    }
}

/// A log keeps its header's shape: a line of the other shape is torn, not mixed in.
@Suite struct LogShapeTests {
    @Test func calendarLog_AFiveFieldLineIsTorn() {
        // Cut inside the version: five fields that would parse on their own.
        let text = LogFixtures.calendarHeader + "2026-11-22T10:15:30.123Z,15000,320,16000,v1,2026-11-22,2026-11-23,1,2,r\n"
            + "2026-11-22T10:15:31.123Z,15000,320,16000,v\n" + "2026-11-22T10:15:32.123Z,15000,320,16000,\"v,1\"\n"
        let (data, malformed, examples) = LogFixtures.read(text)
        #expect(data.count == 1 && malformed == 2 && examples == [3, 4])
    }

    @Test func fiveColumnLog_ATenFieldLineIsMalformed() {
        let text = LogFixtures.fiveColumnHeader + "2026-11-22T10:15:30.123Z,15000,320,16000,v1\n"
            + "2026-11-22T10:15:30.123Z,15000,320,16000,v1,2026-11-22,2026-11-23,1,2,r\n"
            + "2026-11-22T10:15:30.123Z,15000,320,16000,\"v1\",,,,,\n"
        let (data, malformed, _) = LogFixtures.read(text)
        #expect(data.count == 1 && malformed == 2)
    }

    @Test func noHeader_BothShapesAreRead() {
        let text = "2026-11-22T10:15:30.123Z,15000,320,16000,v1\n"
            + "2026-11-22T10:15:30.123Z,15000,320,16000,\"v1\",2026-11-22,2026-11-23,1,2,r\n"
        #expect(LogFixtures.read(text).data.count == 2)
    }
}
