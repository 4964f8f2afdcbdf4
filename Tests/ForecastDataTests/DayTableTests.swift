import Testing
@testable import ForecastData

@Suite struct DayTableTests {
    @Test func daysInOrder_AreReleasedWithExactCounts() {
        var table = DayTable()
        for day in 0..<5 {
            for order in 0..<10 { table.add(ordinal: day, amount: 1, orderHash: UInt64(1 + order % 4)) }
        }
        table.flush()
        #expect(table.ordinals == [0, 1, 2, 3, 4])
        #expect(table.totals.map(\.rows) == [10, 10, 10, 10, 10])
        // Day 0 (the part's first day) and the last two stay open; days 1 and 2 were released.
        #expect(table.sets.map { $0 != nil } == [true, false, false, true, true])
        #expect(table.totals.map(\.closedOrders) == [0, 4, 4, 0, 0])
        #expect(table.totals.allSatisfy { !$0.needsRecount })
    }

    @Test func rowForAReleasedDay_MarksItForRecount() {
        var table = DayTable()
        for day in [0, 1, 2, 3, 1] { table.add(ordinal: day, amount: -2, orderHash: UInt64(10 + day)) }
        table.flush()
        #expect(table.totals[1].needsRecount)
        #expect(table.totals[1].refundRows == 2)
        #expect(table.totals[1].refunds.value == -4)
    }

    @Test func idBudget_ReleasesEverySet() {
        var table = DayTable(idBudget: 3)
        for order in 1...5 { table.add(ordinal: 7, amount: 1, orderHash: UInt64(order)) }
        table.flush()
        #expect(table.totals[0].isClosed)
        #expect(table.totals[0].needsRecount)
        #expect(table.totals[0].closedOrders == 4)
    }
}
