import Testing
import ForecastData
import ModelRegistry

@Suite struct FeatureSetTests {
    @Test func basicRows_AreRevenueAndOrders() throws {
        let records = Fixtures.records(days: 10)
        let matrix = try FeatureSet.basic.matrix(for: records)
        #expect(matrix.featureCount == 2)
        #expect(matrix.row(3) == [records[3].revenue, Double(records[3].orderCount)])
    }

    @Test func extendedRow_IsComputedFromTheDaysBefore() {
        // 2024-01-08 is a Monday, so the forecast day (Tuesday) has ISO weekday 2.
        let day = Day(year: 2024, month: 1, day: 8)!
        let earlier: [Double] = (1...27).map(Double.init)  // 1 … 27, oldest first
        let row = FeatureSet.extended.row(revenue: 28, orderCount: 5, day: day, earlier: earlier[...])
        #expect(row[0] == 28 && row[1] == 5)
        #expect(row[2] == 2)
        #expect(row[3] == Double(22 + 23 + 24 + 25 + 26 + 27 + 28) / 7)  // 7-day mean = 25
        #expect(row[4] == Double((1...28).reduce(0, +)) / 28)  // 28-day mean = 14.5
        #expect(row[5] == 22)  // six days before the current day = one week before the forecast day
        #expect(row[6] == 28.0 / 25.0)
    }

    @Test func extendedNames_MatchTheRowWidth() {
        #expect(FeatureSet.extended.featureNames.count == ExtendedWindow.featureCount)
        let row = FeatureSet.extended.row(revenue: 1, orderCount: 1, day: Day(ordinal: 0), earlier: [][...])
        #expect(row.count == ExtendedWindow.featureCount)
    }

    @Test func extendedRow_ShortensWindowsAtTheStart() {
        let day = Day(year: 2024, month: 1, day: 1)!
        let row = FeatureSet.extended.row(revenue: 10, orderCount: 1, day: day, earlier: [20][...])
        #expect(row[3] == 15 && row[4] == 15)
        #expect(row[5] == 15)  // no week-before value yet: the 7-day mean stands in
    }
}
