import ForecastData
import Foundation
import Testing
@testable import ForecastService

/// Hand-formatted timestamps agree with the calendar.
struct UTCTimestampTests {
    @Test func knownInstantsFormatAsISO8601WithMilliseconds() {
        #expect(UTCTimestamp.format(seconds: 0, milliseconds: 0) == "1970-01-01T00:00:00.000Z")
        #expect(UTCTimestamp.format(seconds: 951_782_400, milliseconds: 7) == "2000-02-29T00:00:00.007Z")
        #expect(UTCTimestamp.format(seconds: 1_795_342_530, milliseconds: 123) == "2026-11-22T10:15:30.123Z")
    }

    @Test func agreesWithFoundationOverManyDays() {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        for seconds in stride(from: -2_000_000_000, to: 4_000_000_000, by: 7_777_777) {
            let expected = formatter.string(from: Date(timeIntervalSince1970: Double(seconds)))
            #expect(UTCTimestamp.format(seconds: seconds, milliseconds: 0) == expected)
        }
    }

    @Test func nowIsCloseToTheSystemClock() throws {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let parsed = try #require(formatter.date(from: UTCTimestamp.now()))
        #expect(abs(parsed.timeIntervalSinceNow) < 5)
    }

    @Test func theLoopsClockGivesWhatNowGives() {
        // Reused within a millisecond, never stale: each text lies between two plain readings.
        var clock = TimestampClock()
        for _ in 0..<2_000 {
            let before = UTCTimestamp.now()
            let text = clock.now()
            let after = UTCTimestamp.now()
            #expect(before <= text && text <= after)  // same-width ISO texts sort as times
        }
    }

    @Test func dayTextsAreTheDaysOwn() throws {
        var texts = DayTexts()
        let start = try #require(Day(iso: "2026-02-27"))
        // New days, the last two again in either order, and back to an evicted one.
        for offset in [0, 1, 1, 0, 2, 1, 2, 0, 3, 3, 0] {
            let day = start.adding(days: offset)
            #expect(texts.iso(day) == day.iso)
        }
    }
}
