import Testing
@testable import Charts

@Suite struct NumberFormatTests {
    @Test func coordinate_TenthsWithoutTrailingZero() {
        #expect(NumberFormat.coordinate(12.34) == "12.3")
        #expect(NumberFormat.coordinate(12) == "12")
        #expect(NumberFormat.coordinate(-3.96) == "-4")
        #expect(NumberFormat.coordinate(-0.04) == "0")
    }

    @Test func coordinate_NonFiniteNeverReachesTheFile() {
        #expect(NumberFormat.coordinate(.nan) == "0")
        #expect(NumberFormat.coordinate(.infinity) == "0")
    }

    @Test func tick_DecimalsFollowTheStep() {
        #expect(NumberFormat.tick(12_500, step: 2_500) == "12,500")
        #expect(NumberFormat.tick(0.25, step: 0.05) == "0.25")
        #expect(NumberFormat.tick(1_000_000, step: 200_000) == "1,000,000")
        #expect(NumberFormat.tick(-5, step: 5) == "−5")
        #expect(NumberFormat.tick(-0.0001, step: 1) == "0")
    }
}
