import Foundation

/// Every drift measure for one feature and the decision of `DriftRule`.
public struct FeatureDrift: Equatable, Sendable, Codable {
    /// The feature's wire name (`ca_total`, `nb_commandes`).
    public let feature: String
    /// The test that decided (chosen from the reference size).
    public let method: DriftMethod
    /// The deciding value: a p-value for KS, a normalised distance for Wasserstein.
    public let score: Double
    /// The threshold `score` is compared with.
    public let threshold: Double
    public let drifted: Bool
    public let ksStatistic: Double
    public let ksPValue: Double
    public let ksMethod: KSMethod
    /// Wasserstein distance in the feature's unit.
    public let wasserstein: Double
    /// Wasserstein distance divided by max(reference std, 0.001).
    public let wassersteinNormalized: Double
    public let psi: Double
    public let referenceCount: Int
    public let currentCount: Int
    public let referenceMean: Double
    public let currentMean: Double

    enum CodingKeys: String, CodingKey {
        case feature, method, score, threshold
        case drifted = "drift_detected"
        case ksStatistic = "ks_statistic"
        case ksPValue = "ks_p_value"
        case ksMethod = "ks_method"
        case wasserstein
        case wassersteinNormalized = "wasserstein_normed"
        case psi
        case referenceCount = "reference_count"
        case currentCount = "current_count"
        case referenceMean = "reference_mean"
        case currentMean = "current_mean"
    }

    /// Compares `current` with `reference` for the feature named `feature`.
    /// - Throws: `DriftError` when a sample is empty or holds a non-finite value.
    public static func evaluate(feature: String, reference: [Double], current: [Double]) throws(DriftError) -> FeatureDrift {
        // Sorted once here: KS and Wasserstein then skip their own sort (a million logged
        // values take most of `forecast drift`'s time to sort).
        let sortedReference = SortedSample.ascending(reference)
        let sortedCurrent = SortedSample.ascending(current)
        let ks = try KolmogorovSmirnov.test(sortedReference, sortedCurrent)
        let distance = try Wasserstein.distance(sortedReference, sortedCurrent)
        let psi = try PopulationStabilityIndex.value(reference: reference, current: current)
        let spread = max(standardDeviation(reference), DriftRule.smallestStandardDeviation)
        let normalized = distance / spread
        guard distance.isFinite, spread.isFinite, normalized.isFinite, psi.isFinite else {
            throw DriftError.outOfRange(feature: feature)
        }
        let method = DriftRule.method(referenceCount: reference.count)
        let score: Double
        let threshold: Double
        let drifted: Bool
        switch method {
        case .kolmogorovSmirnov:
            (score, threshold) = (ks.pValue, DriftRule.ksPValueThreshold)
            drifted = score <= threshold
        case .wasserstein:
            (score, threshold) = (normalized, DriftRule.wassersteinThreshold)
            drifted = score >= threshold
        }
        return FeatureDrift(
            feature: feature, method: method, score: score, threshold: threshold, drifted: drifted,
            ksStatistic: ks.statistic, ksPValue: ks.pValue, ksMethod: ks.method, wasserstein: distance,
            wassersteinNormalized: normalized, psi: psi, referenceCount: reference.count, currentCount: current.count,
            referenceMean: mean(reference), currentMean: mean(current)
        )
    }

    static func mean(_ values: [Double]) -> Double {
        values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
    }

    /// Population standard deviation (ddof 0, numpy's `std` default, which Evidently uses).
    static func standardDeviation(_ values: [Double]) -> Double {
        guard values.count > 1 else { return 0 }
        let average = mean(values)
        let squares = values.reduce(0) { $0 + ($1 - average) * ($1 - average) }
        return (squares / Double(values.count)).squareRoot()
    }
}
