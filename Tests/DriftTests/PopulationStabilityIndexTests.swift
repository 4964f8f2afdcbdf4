import Testing
@testable import Drift

/// PSI over numpy's Sturges bins equals the numpy computation in the fixtures.
@Suite struct PopulationStabilityIndexTests {
    @Test(arguments: DriftFixture.names)
    func matchesNumpy(_ name: String) throws {
        let fixture = try DriftFixture.load(name)
        let psi = try PopulationStabilityIndex.value(reference: fixture.reference, current: fixture.current)
        #expect(abs(psi - fixture.psi) <= 1e-9 * max(1, abs(fixture.psi)), "\(name): \(psi) vs numpy \(fixture.psi)")
    }

    @Test func sameSample_IsZero() throws {
        let values = (0..<200).map { Double($0 % 17) }
        #expect(try PopulationStabilityIndex.value(reference: values, current: values) == 0)
    }

    @Test func sturgesEdges_CountAndEnds() {
        // 100 pooled values: ⌈log2(100) + 1⌉ = 8 bins, 9 edges from min to max.
        let edges = PopulationStabilityIndex.sturgesEdges(pooledCount: 100, low: 0, high: 8)
        #expect(edges == [0, 1, 2, 3, 4, 5, 6, 7, 8])
    }
}
