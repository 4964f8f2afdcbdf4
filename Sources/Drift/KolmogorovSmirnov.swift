// Drift statistics, module overview
// - KolmogorovSmirnov: the two-sample KS statistic and its p-value, computed the way scipy's
//   `ks_2samp(method="auto")` does (exact lattice-path counting for small samples, the
//   Kolmogorov distribution of the pooled size otherwise), so our numbers equal scipy's.
// - KolmogorovDistribution / SmirnovDistribution: the one-sample distributions behind the
//   asymptotic branch.
// - Wasserstein, PopulationStabilityIndex: the other two measures Evidently reports.
// - DriftRule / FeatureDrift / DriftReport: Evidently's default decision and the report.

/// Which way the p-value of a two-sample KS test was computed.
public enum KSMethod: String, Sendable, Codable {
    /// Exact count of lattice paths (scipy: both samples ≤ 10,000 values).
    case exact
    /// The two-sided Kolmogorov distribution for n = round(n1·n2/(n1+n2)).
    case asymptotic
}

/// The result of a two-sample Kolmogorov–Smirnov test.
public struct KSTestResult: Equatable, Sendable {
    /// The largest gap between the two empirical CDFs, in [0, 1].
    public let statistic: Double
    /// Probability, under "same distribution", of a gap at least this large.
    public let pValue: Double
    public let method: KSMethod
}

/// The two-sample, two-sided Kolmogorov–Smirnov test, equal to scipy's
/// `scipy.stats.ks_2samp(a, b)` (alternative "two-sided", method "auto", scipy 1.17).
public enum KolmogorovSmirnov {
    /// scipy's `MAX_AUTO_N`: "auto" tries the exact distribution when both sizes are at most this.
    static let maxExactSize = 10_000

    /// Tests whether `first` and `second` come from the same continuous distribution.
    /// - Throws: `DriftError.emptySample` when either sample is empty.
    public static func test(_ first: [Double], _ second: [Double]) throws(DriftError) -> KSTestResult {
        guard !first.isEmpty, !second.isEmpty else { throw DriftError.emptySample }
        guard first.allSatisfy(\.isFinite), second.allSatisfy(\.isFinite) else { throw DriftError.nonFiniteValue }
        let a = SortedSample.ascending(first)
        let b = SortedSample.ascending(second)
        let statistic = largestGap(a, b)
        let n1 = a.count
        let n2 = b.count
        if max(n1, n2) <= maxExactSize, let exact = exactPValue(n1: n1, n2: n2, statistic: statistic) {
            return KSTestResult(statistic: exact.statistic, pValue: exact.pValue, method: .exact)
        }
        // scipy: "Use Smirnov's asymptotic formula", as kstwo.sf(d, round(n1·n2/(n1+n2))).
        let large = Double(max(n1, n2))
        let small = Double(min(n1, n2))
        let effectiveSize = (large * small / (large + small)).rounded(.toNearestOrEven)
        let pValue = KolmogorovDistribution.survival(n: Int(effectiveSize), x: statistic)
        return KSTestResult(statistic: statistic, pValue: min(max(pValue, 0), 1), method: .asymptotic)
    }

    /// max |F_a(x) − F_b(x)| over every observed x, with right-continuous ECDFs (scipy's
    /// `searchsorted(side="right")`), each difference computed as scipy does: i/n1 − j/n2.
    static func largestGap(_ a: [Double], _ b: [Double]) -> Double {
        let n1 = Double(a.count)
        let n2 = Double(b.count)
        var i = 0
        var j = 0
        var largest = 0.0
        while i < a.count || j < b.count {
            // The next distinct value, then every copy of it in both samples (ties move together).
            let value: Double
            if j >= b.count || (i < a.count && a[i] <= b[j]) { value = a[i] } else { value = b[j] }
            while i < a.count, a[i] == value { i += 1 }
            while j < b.count, b[j] == value { j += 1 }
            let gap = abs(Double(i) / n1 - Double(j) / n2)
            if gap > largest { largest = gap }
        }
        return min(largest, 1)
    }

    /// scipy's `_attempt_exact_2kssamp` for the two-sided case: the statistic is snapped to the
    /// lattice h / lcm(n1, n2); nil when the computation leaves [0, 1] (scipy then goes asymptotic).
    static func exactPValue(n1: Int, n2: Int, statistic: Double) -> (statistic: Double, pValue: Double)? {
        let divisor = gcd(n1, n2)
        let lcm = (n1 / divisor) * n2
        let h = Int((statistic * Double(lcm)).rounded(.toNearestOrEven))
        let snapped = Double(h) / Double(lcm)
        guard h != 0 else { return (snapped, 1) }
        let probability = n1 == n2
            ? SmirnovPathCount.outsideSquare(n: n1, h: h)
            : SmirnovPathCount.outsideBand(m: n1, n: n2, g: divisor, h: h)
        guard probability >= 0, probability <= 1 else { return nil }
        return (snapped, probability)
    }

    static func gcd(_ a: Int, _ b: Int) -> Int {
        var (x, y) = (a, b)
        while y != 0 { (x, y) = (y, x % y) }
        return x
    }
}
