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
}
