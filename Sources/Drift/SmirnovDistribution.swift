import Foundation

/// The one-sided Smirnov distribution of D⁺_n = sup (F_n − F), which scipy's two-sided
/// Kolmogorov survival function doubles in its tails.
enum SmirnovDistribution {
    /// Above this n scipy (`SMIRNOV_MAX_COMPUTE_N`) switches to an approximation.
    static let largestExactSize = 1_000_000

    /// P(D⁺_n ≥ x) from the Birnbaum–Tingey sum
    /// x · Σ_{j < n(1−x)} C(n, j) (1 − x − j/n)^{n−j} (x + j/n)^{j−1}.
    /// Every term is positive, so summing them in log space keeps full relative precision.
    static func survival(n: Int, x: Double) -> Double {
        guard n > 0, x >= 0, x <= 1 else { return .nan }
        if n == 1 { return 1 - x }
        if x == 0 { return 1 }
        if x == 1 { return 0 }
        let size = Double(n)
        let nx = size * x
        if nx <= 1 {
            // x ≤ 1/n: the CDF is x(1 + x)^{n−1}.
            return KolmogorovDistribution.clip(1 - x * pow(1 + x, size - 1))
        }
        // cephes MINLOG: the survival function underflows a Double.
        if -2 * size * x * x < -7.08396418532264106224e2 { return 0 }
        if nx >= size - 1 { return pow(1 - x, size) }
        if n > largestExactSize {
            let logP = -pow(6 * nx + 1, 2) / 18 / size
            // p ≈ exp(−(6nx + 1)² / 18n); written as 1 − (−expm1) near 1 to keep precision.
            return logP < -log(2.0) ? exp(logP) : 1 + expm1(logP)
        }
        var sum = 0.0
        var logBinomial = 0.0  // log C(n, j), updated term by term
        var j = 0
        while true {
            let base = (size - Double(j) - nx) / size  // 1 − x − j/n
            if base <= 0 { break }
            let lead = (Double(j) + nx) / size  // x + j/n
            let logTerm = logBinomial + Double(n - j) * log(base) + Double(j - 1) * log(lead)
            sum += exp(logTerm)
            logBinomial += log(Double(n - j) / Double(j + 1))
            j += 1
        }
        return KolmogorovDistribution.clip(x * sum)
    }
}
