import Testing
@testable import ForecastData

/// Reference values computed with pandas 3.1.1 / numpy 2.4.6:
/// `pd.date_range("2024-01-01", "2024-01-30 23:59:59", periods=n).normalize()`.
@Suite struct EvenSpreadTests {
    private func counts(_ n: Int, days: Int = 30) -> [Int] {
        let spread = EvenSpread(start: Day(iso: "2024-01-01")!, days: days, count: n)
        var counts = [Int](repeating: 0, count: days)
        for index in 0..<n { counts[spread.day(of: index).ordinal - spread.start.ordinal] += 1 }
        return counts
    }

    @Test func sevenRows_MatchPandasDays() {
        let spread = EvenSpread(start: Day(iso: "2024-01-01")!, days: 30, count: 7)
        let days = (0..<7).map { spread.day(of: $0).iso }
        #expect(days == ["2024-01-01", "2024-01-05", "2024-01-10", "2024-01-15", "2024-01-20", "2024-01-25", "2024-01-30"])
    }

    @Test func tenThousandRows_MatchPandasCountsPerDay() {
        #expect(Array(counts(10_000).prefix(12)) == [334, 333, 333, 334, 333, 333, 334, 333, 333, 334, 333, 333])
        #expect(counts(10_000).reduce(0, +) == 10_000)
    }

    @Test func rowsJustBeforeMidnight_StayOnTheirDay() {
        // Row 2 of 61 falls at 23:59:57.6 on Jan 1: pandas keeps three rows on the first day.
        #expect(Array(counts(61).prefix(3)) == [3, 2, 2])
    }

    @Test func twoYears_MatchPandasCountsPerDay() {
        // periods=1000 over 2024-01-01 … 2025-12-30 23:59:59.
        #expect(Array(counts(1000, days: 730).prefix(12)) == [2, 1, 2, 1, 1, 2, 1, 1, 2, 1, 2, 1])
    }

    @Test func singleRow_IsOnTheFirstDay() {
        #expect(EvenSpread(start: Day(iso: "2024-01-01")!, days: 30, count: 1).day(of: 0).iso == "2024-01-01")
    }
}
