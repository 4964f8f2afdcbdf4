import Testing
@testable import ForecastData

@Suite struct ShopCalendarTests {
    @Test func peaks_FallOnTheRightDates() {
        #expect(ShopCalendar.blackFriday(2024).iso == "2024-11-29")
        #expect(ShopCalendar.blackFriday(2025).iso == "2025-11-28")
        #expect(ShopCalendar.blackFriday(2026).iso == "2026-11-27")
        #expect(ShopCalendar.salesStart(year: 2024, month: 1).iso == "2024-01-10")
        #expect(ShopCalendar.salesStart(year: 2024, month: 6).iso == "2024-06-26")
        #expect(ShopCalendar.peak(on: Day(iso: "2024-11-29")!) > ShopCalendar.peak(on: Day(iso: "2024-11-15")!))
    }
}
