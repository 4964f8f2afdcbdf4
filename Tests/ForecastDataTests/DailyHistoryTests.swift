import Testing
@testable import ForecastData

/// The history a features file describes, and the windows it can and cannot give.
struct DailyHistoryTests {
    private let first = Day(iso: "2024-03-01")!

    @Test func aFeaturesFileEndsItsHistoryWithTheLastLabel() throws {
        let records = [
            DailyRecord(day: first, revenue: 10, orderCount: 1, label: 20),
            DailyRecord(day: first.adding(days: 1), revenue: 20, orderCount: 2, label: 30),
        ]
        let history = try #require(DailyHistory(records: records))
        #expect(history.firstDay == first)
        #expect(history.lastDay == first.adding(days: 2))
        #expect(history.revenue == [10, 20, 30])
        #expect(DailyHistory(records: []) == nil)
    }

    @Test func windowsAreTheDaysJustBeforeShortenedAtTheStart() throws {
        let history = DailyHistory(firstDay: first, revenue: [1, 2, 3, 4, 5])
        #expect(Array(try history.revenue(before: first.adding(days: 4), count: 2)) == [3, 4])
        #expect(Array(try history.revenue(before: first.adding(days: 2), count: 27)) == [1, 2])
        #expect(try history.revenue(before: first, count: 27).isEmpty)
        // The day after the last day held has all it needs.
        #expect(Array(try history.revenue(before: first.adding(days: 5), count: 3)) == [3, 4, 5])
    }

    @Test func daysOutsideTheHistoryAreNamed() {
        let history = DailyHistory(firstDay: first, revenue: [1, 2, 3])
        #expect(throws: HistoryGap.missingDays(from: first.adding(days: 3), through: first.adding(days: 3), lastDay: first.adding(days: 2))) {
            try history.revenue(before: first.adding(days: 4), count: 3)
        }
        #expect(throws: HistoryGap.beforeStart(day: first.adding(days: -1), firstDay: first)) {
            try history.revenue(before: first.adding(days: -1), count: 3)
        }
        let gap = HistoryGap.missingDays(from: first.adding(days: 3), through: first.adding(days: 5), lastDay: first.adding(days: 2))
        #expect(gap.description == "the daily history ends on 2024-03-03: 2024-03-04 to 2024-03-06 (3 days) are missing")
    }
}
