/// Evidently's default decision for one numeric feature (DataDriftPreset, Evidently ≥ 0.4):
/// the reference size picks the test, each test has its own threshold.
public enum DriftRule {
    /// At most this many reference rows: the KS test decides; more: normalised Wasserstein.
    public static let largestReferenceForKS = 1_000
    /// KS: drift when the p-value is at or below this (Evidently `p_value <= threshold`).
    public static let ksPValueThreshold = 0.05
    /// Wasserstein distance divided by the reference's standard deviation: drift at or above this.
    public static let wassersteinThreshold = 0.1
    /// Evidently floors the reference standard deviation here so a constant reference cannot
    /// divide by zero.
    public static let smallestStandardDeviation = 0.001
    /// PSI is reported, not decisive; 0.1 is the usual "worth a look" level.
    public static let psiThreshold = 0.1

    /// The test that decides for a reference of `referenceCount` rows.
    public static func method(referenceCount: Int) -> DriftMethod {
        referenceCount <= largestReferenceForKS ? .kolmogorovSmirnov : .wasserstein
    }
}

/// The statistic that decides whether a feature drifted.
public enum DriftMethod: String, Sendable, Codable {
    case kolmogorovSmirnov = "ks"
    case wasserstein = "wasserstein_normed"
}
