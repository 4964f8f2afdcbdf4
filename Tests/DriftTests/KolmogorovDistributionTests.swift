import Testing
@testable import Drift

/// The two-sided Kolmogorov survival function equals scipy's `kstwo.sf` in every region.
@Suite struct KolmogorovDistributionTests {
    @Test func matchesScipyOnTheGrid() throws {
        for point in try DistributionFixture.load().points {
            let value = KolmogorovDistribution.survival(n: point.n, x: point.x)
            #expect(abs(value - point.kolmogorovSf) <= 1e-9, "n=\(point.n) x=\(point.x): \(value) vs scipy \(point.kolmogorovSf)")
        }
    }

    @Test func ends_AreZeroAndOne() {
        #expect(KolmogorovDistribution.survival(n: 10, x: 0) == 1)
        #expect(KolmogorovDistribution.survival(n: 10, x: 1) == 0)
        // Below 1/(2n) no sample can have such a small gap: certainly larger.
        #expect(KolmogorovDistribution.survival(n: 10, x: 0.04) == 1)
    }

    @Test func isDecreasingInX() {
        let values = stride(from: 0.01, through: 0.6, by: 0.01).map { KolmogorovDistribution.survival(n: 200, x: $0) }
        #expect(zip(values, values.dropFirst()).allSatisfy { $0 >= $1 })
    }
}
