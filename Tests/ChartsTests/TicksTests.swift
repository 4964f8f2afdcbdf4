import Testing
@testable import Charts

/// Nice 1-2-5 ticks on known data.
@Suite struct TicksTests {
    @Test func step_IsOneTwoOrFiveTimesAPowerOfTen() {
        #expect(Ticks.step(span: 100, count: 5) == 20)
        #expect(Ticks.step(span: 1, count: 5) == 0.2)
        #expect(Ticks.step(span: 37_000, count: 6) == 10_000)
        #expect(Ticks.step(span: 0.07, count: 7) == 0.01)
        #expect(Ticks.step(span: 45, count: 5) == 10)
    }

    @Test func nice_WidensDomainToWholeSteps() {
        let result = Ticks.nice(low: 3, high: 97, count: 5)
        #expect(result.step == 20)
        #expect(result.domain == 0...100)
        #expect(result.ticks == [0, 20, 40, 60, 80, 100])
    }

    @Test func nice_RevenueRange() {
        let result = Ticks.nice(low: 10_206, high: 43_282, count: 6)
        #expect(result.step == 10_000)
        #expect(result.ticks == [10_000, 20_000, 30_000, 40_000, 50_000])
    }

    @Test func nice_DecimalTicksHaveNoFloatDust() {
        let result = Ticks.nice(low: 0.1, high: 0.9, count: 8)
        #expect(result.ticks.contains(0.3))
        #expect(result.ticks.contains(0.7))
        #expect(result.ticks.allSatisfy { "\($0)".count <= 4 })
    }

    @Test func nice_NegativeRangeCrossesZero() {
        let result = Ticks.nice(low: -4.2, high: 7.9, count: 6)
        #expect(result.ticks.first! <= -4.2)
        #expect(result.ticks.last! >= 7.9)
        #expect(result.ticks.contains(0))
        #expect(!result.ticks.contains { $0 == 0 && $0.sign == .minus })
    }

    @Test func nice_ConstantValueGetsAnAxisAroundIt() {
        let result = Ticks.nice(low: 500, high: 500)
        #expect(result.domain.lowerBound < 500)
        #expect(result.domain.upperBound > 500)
        #expect(result.ticks.count >= 2)
        let zero = Ticks.nice(low: 0, high: 0)
        #expect(zero.domain.lowerBound < 0 && zero.domain.upperBound > 0)
    }

    @Test func nice_NonFiniteInputFallsBack() {
        let result = Ticks.nice(low: .nan, high: .infinity)
        #expect(result.ticks.allSatisfy { $0.isFinite })
    }

    @Test func linearScale_MapsEndsAndMiddle() {
        let scale = LinearScale(domain: 0...100, start: 400, end: 100)
        #expect(scale(0) == 400)
        #expect(scale(100) == 100)
        #expect(scale(50) == 250)
        #expect(LinearScale(domain: 5...5, start: 0, end: 10)(5) == 5)
    }
}
