import Testing
@testable import ForecastData

@Suite struct DemandShapeTests {
    private let start = Day(iso: "2024-01-01")!  // a Monday

    private func expected(_ shape: DemandShape, _ index: Int, days: Int = 100) -> Double {
        shape.expectedOrders(on: start.adding(days: index), dayIndex: index, days: days)
    }

    @Test func stable_IsFlat_WeeklyRepeatsEachWeek() {
        #expect((0..<14).allSatisfy { expected(.stable, $0) == ShopCalendar.baseOrders })
        #expect(expected(.weekly, 5) > expected(.weekly, 1))  // Saturday sells more than Tuesday
        #expect(expected(.weekly, 3) == expected(.weekly, 10))
    }

    @Test func levelShift_DoublesHalfway_GrowthAddsAYearlyLevel() {
        #expect(expected(.levelShift, 49) == expected(.weekly, 49))
        #expect(expected(.levelShift, 50 + 6) == 2 * expected(.weekly, 50 + 6))
        // A year in, the weekly profile sits on twice the level.
        #expect(abs(expected(.growth, 365, days: 730) / expected(.weekly, 365) - 2) < 1e-12)
    }

    @Test func calendar_IsTheShopCalendar() {
        #expect(expected(.calendar, 40) == ShopCalendar.expectedOrders(on: start.adding(days: 40), dayIndex: 40))
    }
}
