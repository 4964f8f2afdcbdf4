import Testing
@testable import Drift

/// The one-sided Smirnov survival function equals scipy's `special.smirnov`.
@Suite struct SmirnovDistributionTests {
    @Test func matchesScipyOnTheGrid() throws {
        for point in try DistributionFixture.load().points {
            let value = SmirnovDistribution.survival(n: point.n, x: point.x)
            #expect(abs(value - point.smirnovSf) <= 1e-9, "n=\(point.n) x=\(point.x): \(value) vs scipy \(point.smirnovSf)")
        }
    }

    @Test func sizeOne_IsOneMinusX() {
        #expect(SmirnovDistribution.survival(n: 1, x: 0.3) == 0.7)
    }
}
