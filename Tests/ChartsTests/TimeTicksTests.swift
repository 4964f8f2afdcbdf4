import Testing
@testable import Charts

/// Calendar ticks read well over hours, days and months (UTC).
@Suite struct TimeTicksTests {
    /// 2026-11-22T00:00:00Z
    static let day = Double(UTCCalendar.days(year: 2026, month: 11, day: 22)) * 86_400

    @Test func calendar_KnownDates() {
        #expect(UTCCalendar.days(year: 1970, month: 1, day: 1) == 0)
        #expect(UTCCalendar.days(year: 2000, month: 3, day: 1) == 11_017)
        let fields = UTCCalendar.fields(Self.day + 10 * 3600 + 15 * 60 + 30.5)
        #expect(fields == .init(year: 2026, month: 11, day: 22, hour: 10, minute: 15, second: 30))
    }

    @Test func hours_LabelledHHMM_DateOnFirstTickOnly() {
        let ticks = TimeTicks.ticks(start: Self.day + 9 * 3600 + 120, end: Self.day + 15 * 3600)
        #expect(ticks.map(\.label) == ["10:00", "11:00", "12:00", "13:00", "14:00", "15:00"])
        #expect(ticks.first?.context == "Nov 22, 2026")
        #expect(ticks.dropFirst().allSatisfy { $0.context == nil })
    }

    @Test func crossingMidnight_RepeatsDateOnNewDay() {
        let ticks = TimeTicks.ticks(start: Self.day - 6 * 3600, end: Self.day + 6 * 3600)
        let midnight = try! #require(ticks.first { $0.time == Self.day })
        #expect(midnight.label == "00:00")
        #expect(midnight.context == "Nov 22, 2026")
    }

    @Test func month_WeeklyTicksOnMondays() {
        let ticks = TimeTicks.ticks(start: Self.day - 30 * 86_400, end: Self.day)
        #expect(ticks.count >= 4 && ticks.count <= 7)
        // 1970-01-05 was a Monday: every tick is a whole number of weeks after it.
        #expect(ticks.allSatisfy { ($0.time - 4 * 86_400).truncatingRemainder(dividingBy: 604_800) == 0 })
        #expect(ticks.contains { $0.label == "Nov 16" })
        #expect(ticks.first?.context == "2026")
    }

    @Test func twoYears_QuarterTicksOnFirstOfMonth() {
        let start = Double(UTCCalendar.days(year: 2025, month: 1, day: 10)) * 86_400
        let end = Double(UTCCalendar.days(year: 2026, month: 11, day: 1)) * 86_400
        let ticks = TimeTicks.ticks(start: start, end: end)
        #expect(ticks.allSatisfy { UTCCalendar.fields($0.time).day == 1 })
        #expect(ticks.map(\.label).contains("Jan"))
        #expect(ticks.filter { $0.context != nil }.map(\.context) == ["2025", "2026"])
    }

    @Test func seconds_ShortSpan() {
        let ticks = TimeTicks.ticks(start: Self.day, end: Self.day + 20)
        #expect(ticks.first?.label == "00:00:00")
        #expect(ticks.count <= 7)
    }

    @Test func burstWithinASecond_MillisecondTicks() {
        let start = Self.day + 10 * 3600 + 15 * 60 + 34.528
        let ticks = TimeTicks.ticks(start: start, end: start + 0.4)
        #expect(ticks.count >= 3 && ticks.count <= 6)
        #expect(ticks.first?.label == "10:15:34.600")
        #expect(ticks.first?.context == "Nov 22, 2026")
        #expect(ticks.allSatisfy { $0.label.hasPrefix("10:15:34.") })
    }

    @Test func emptyOrReversedRange_NoTicks() {
        #expect(TimeTicks.ticks(start: 10, end: 10).isEmpty)
        #expect(TimeTicks.ticks(start: 10, end: 5).isEmpty)
        #expect(TimeTicks.ticks(start: .nan, end: 5).isEmpty)
    }
}
