import Testing
@testable import Drift

/// The Wasserstein distance equals scipy's `wasserstein_distance` on every fixture.
@Suite struct WassersteinTests {
    @Test(arguments: DriftFixture.names)
    func matchesScipy(_ name: String) throws {
        let fixture = try DriftFixture.load(name)
        let distance = try Wasserstein.distance(fixture.reference, fixture.current)
        let tolerance = 1e-9 * max(1, abs(fixture.wasserstein))
        #expect(abs(distance - fixture.wasserstein) <= tolerance, "\(name): \(distance) vs scipy \(fixture.wasserstein)")
    }

    @Test func shiftedSample_DistanceIsTheShift() throws {
        let base = [1.0, 4, 9, 16]
        #expect(abs(try Wasserstein.distance(base, base.map { $0 + 2.5 }) - 2.5) < 1e-12)
    }

    @Test func isSymmetric() throws {
        let a = [3.0, 1, 7, 7, 2]
        let b = [5.0, 0.5, 9]
        #expect(try Wasserstein.distance(a, b) == Wasserstein.distance(b, a))
    }

    @Test func emptySample_Throws() {
        #expect(throws: DriftError.emptySample) { try Wasserstein.distance([], [1]) }
    }
}
