import Testing
@testable import ModelRegistry

@Suite struct ConformalIntervalTests {
    @Test func quantile_IsTheCeilingRankOfTheRelativeErrors() throws {
        // Errors 0.1 … 0.9 (forecast 100, outcomes 110 … 190); ⌈(9 + 1) × 0.8⌉ = 8th smallest.
        let actual = (1...9).map { 100 + Double($0) * 10 }
        let interval = try #require(ConformalInterval.calibrate(actual: actual, predicted: Array(repeating: 100, count: 9)))
        #expect(abs(interval.relativeHalfWidth - 0.8) < 1e-12)
        #expect(interval.calibrationSize == 9)
        let bounds = interval.bounds(around: 1000)
        #expect(abs(bounds.lower - 200) < 1e-9 && abs(bounds.upper - 1800) < 1e-9)
        // 8 of the 9 outcomes lie within ±80 %.
        #expect(interval.coverage(actual: actual, predicted: Array(repeating: 100, count: 9)) == 8.0 / 9)
    }

    @Test func fewErrors_UseTheLargest_AndTheLowerBoundStaysAtZero() throws {
        let interval = try #require(ConformalInterval.calibrate(actual: [150, 300], predicted: [100, 100]))
        #expect(interval.relativeHalfWidth == 2)
        #expect(interval.bounds(around: 50).lower == 0)
    }

    @Test func zeroForecasts_AreLeftOutUnlessExact() {
        #expect(ConformalInterval.calibrate(actual: [5], predicted: [0]) == nil)
        #expect(ConformalInterval.calibrate(actual: [0], predicted: [0])?.relativeHalfWidth == 0)
    }

    @Test func exchangeableErrors_AreCoveredAtTheTargetRate() throws {
        // Deterministic "noise": outcomes spread evenly around the forecast.
        let errors = (0..<400).map { Double(($0 * 37) % 400) / 400 - 0.5 }
        let actual = errors.map { 1000 * (1 + $0) }
        let predicted = Array(repeating: 1000.0, count: 400)
        let interval = try #require(ConformalInterval.calibrate(actual: Array(actual[..<200]), predicted: Array(predicted[..<200])))
        let coverage = try #require(interval.coverage(actual: Array(actual[200...]), predicted: Array(predicted[200...])))
        #expect(abs(coverage - 0.8) < 0.03)
    }
}
