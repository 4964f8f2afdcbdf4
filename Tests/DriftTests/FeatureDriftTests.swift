import Testing
@testable import Drift

/// Evidently's default rule: KS for references of ≤ 1,000 rows, normalised Wasserstein above.
@Suite struct FeatureDriftTests {
    @Test func smallReference_DecidesWithKS() throws {
        let fixture = try DriftFixture.load("exact_ties")
        let drift = try FeatureDrift.evaluate(feature: "nb_commandes", reference: fixture.reference, current: fixture.current)
        #expect(drift.method == .kolmogorovSmirnov)
        #expect(drift.score == drift.ksPValue)
        #expect(drift.drifted == (fixture.ksPvalue <= 0.05))
    }

    @Test func largeReference_DecidesWithNormalisedWasserstein() throws {
        let fixture = try DriftFixture.load("wasserstein_rule")
        let drift = try FeatureDrift.evaluate(feature: "ca_total", reference: fixture.reference, current: fixture.current)
        #expect(drift.method == .wasserstein)
        let expected = fixture.wasserstein / fixture.referenceStd
        #expect(abs(drift.wassersteinNormalized - expected) <= 1e-9 * expected)
        #expect(drift.drifted == (expected >= 0.1))
    }

    @Test func constantReference_StdIsFloored() throws {
        let fixture = try DriftFixture.load("constant_reference")
        let drift = try FeatureDrift.evaluate(feature: "nb_commandes", reference: fixture.reference, current: fixture.current)
        #expect(fixture.referenceStd == 0)
        #expect(abs(drift.wassersteinNormalized - fixture.wasserstein / 0.001) <= 1e-6)
        #expect(drift.wassersteinNormalized.isFinite)
    }

    @Test func absurdlyFarApartValues_ThrowInsteadOfOverflowing() {
        #expect(throws: DriftError.outOfRange(feature: "ca_total")) {
            try FeatureDrift.evaluate(feature: "ca_total", reference: [-1e308, 0], current: [1e308, 5])
        }
    }

    @Test func sameDistribution_NoDrift() throws {
        let values = (0..<300).map { Double($0 % 50) }
        let drift = try FeatureDrift.evaluate(feature: "x", reference: values, current: values)
        #expect(!drift.drifted)
        #expect(drift.ksPValue == 1)
    }

    @Test func report_DriftWhenAnyFeatureDrifts_JSONHasWireNames() throws {
        let same = (0..<100).map(Double.init)
        let calm = try FeatureDrift.evaluate(feature: "ca_total", reference: same, current: same)
        let shifted = try FeatureDrift.evaluate(feature: "nb_commandes", reference: same, current: same.map { $0 + 80 })
        let report = DriftReport(features: [calm, shifted], referencePath: "ref.csv", logPaths: ["log.csv"],
                                 currentCount: 100, malformedLines: 2, window: nil)
        #expect(report.driftDetected)
        let json = try report.json()
        #expect(json.contains("\"drift_detected\" : true"))
        #expect(json.contains("\"ks_p_value\""))
        #expect(json.contains("\"malformed_lines\" : 2"))
    }
}
