import Testing
@testable import Drift

/// The KS statistic and p-value equal scipy's `ks_2samp` on every fixture (to 1e-9).
@Suite struct KolmogorovSmirnovTests {
    @Test(arguments: DriftFixture.names)
    func matchesScipy(_ name: String) throws {
        let fixture = try DriftFixture.load(name)
        let result = try KolmogorovSmirnov.test(fixture.reference, fixture.current)
        #expect(abs(result.statistic - fixture.ksStatistic) <= 1e-12, "\(name) statistic")
        #expect(abs(result.pValue - fixture.ksPvalue) <= 1e-9, "\(name): \(result.pValue) vs scipy \(fixture.ksPvalue)")
    }

    @Test func methodFollowsScipyAuto_ExactUpTo10000() throws {
        let small = try DriftFixture.load("exact_large_lattice")
        #expect(try KolmogorovSmirnov.test(small.reference, small.current).method == .exact)
        let large = try DriftFixture.load("asymptotic_smirnov_tail")
        #expect(try KolmogorovSmirnov.test(large.reference, large.current).method == .asymptotic)
    }

    @Test func identicalSamples_HaveNoGap_PValueOne() throws {
        let values = [1.0, 2, 3, 4, 5]
        let result = try KolmogorovSmirnov.test(values, values)
        #expect(result.statistic == 0)
        #expect(result.pValue == 1)
    }

    @Test func disjointSamples_HaveGapOne() throws {
        let result = try KolmogorovSmirnov.test([1, 2, 3], [10, 11, 12, 13])
        #expect(result.statistic == 1)
        // Exact: only 2 of the C(7,3) = 35 orderings separate the samples completely.
        #expect(abs(result.pValue - 2.0 / 35.0) < 1e-15)
    }

    @Test func emptySample_Throws() {
        #expect(throws: DriftError.emptySample) { try KolmogorovSmirnov.test([], [1]) }
        #expect(throws: DriftError.emptySample) { try KolmogorovSmirnov.test([1], []) }
    }

    @Test func nonFiniteValue_Throws() {
        #expect(throws: DriftError.nonFiniteValue) { try KolmogorovSmirnov.test([.nan], [1]) }
    }
}
