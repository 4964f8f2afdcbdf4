import Foundation

/// The two-sided one-sample Kolmogorov distribution of D_n = sup |F_n − F|, as
/// `scipy.stats.kstwo` evaluates it (Simard & L'Ecuyer 2011, "Computing the two-sided
/// Kolmogorov-Smirnov distribution"): a different exact or approximate method per region of
/// (n, x), chosen with scipy's boundaries so the result matches it.
enum KolmogorovDistribution {
    /// P(D_n ≥ x): the survival function, clipped to [0, 1].
    static func survival(n: Int, x: Double) -> Double {
        guard n > 0 else { return .nan }
        if x >= 1 { return 0 }
        if x <= 0 { return 1 }
        let size = Double(n)
        let t = size * x
        if t <= 1 {
            // Ruben–Gambino: for 1/(2n) ≤ x ≤ 1/n the CDF is n!/nⁿ·(2nx − 1)ⁿ.
            if t <= 0.5 { return 1 }
            let cdf: Double
            if n <= 140 {
                var product = 1.0
                for i in 1...n { product *= Double(i) * (1.0 / size) * (2 * t - 1) }
                cdf = product
            } else {
                cdf = exp(logFactorialOverPower(n) + size * log(2 * t - 1))
            }
            return clip(1 - cdf)
        }
        if t >= size - 1 { return clip(2 * pow(1 - x, size)) }  // Ruben–Gambino, upper end
        if x >= 0.5 { return clip(2 * SmirnovDistribution.survival(n: n, x: x)) }  // exact there
        let nxSquared = t * x
        if n <= 140 {
            if nxSquared <= 0.754693 { return clip(1 - durbinMatrixCDF(n: n, d: x)) }
            if nxSquared <= 4 { return clip(1 - pomeranzCDF(n: n, x: x)) }
            return clip(2 * SmirnovDistribution.survival(n: n, x: x))
        }
        if nxSquared >= 370 { return 0 }
        if nxSquared >= 2.2 { return clip(2 * SmirnovDistribution.survival(n: n, x: x)) }
        let cdf = n <= 100_000 && size * pow(x, 1.5) <= 1.4
            ? durbinMatrixCDF(n: n, d: x)
            : pelzGoodCDF(n: n, x: x)
        return clip(1 - cdf)
    }

    /// log(n!/nⁿ) by Stirling's series (scipy `_log_nfactorial_div_n_pow_n`).
    static func logFactorialOverPower(_ n: Int) -> Double {
        let coefficients = [
            -2.955065359477124183e-2, 6.4102564102564102564e-3, -1.9175269175269175269e-3,
            8.4175084175084175084e-4, -5.952380952380952381e-4, 7.9365079365079365079e-4,
            -2.7777777777777777778e-3, 8.3333333333333333333e-2,
        ]
        let size = Double(n)
        let reciprocal = 1.0 / size
        let argument = reciprocal / size
        var polynomial = 0.0
        for coefficient in coefficients { polynomial = polynomial * argument + coefficient }
        return log(size) / 2 - size + log(2 * Double.pi) / 2 + reciprocal * polynomial
    }

    static func clip(_ probability: Double) -> Double {
        min(max(probability, 0), 1)
    }

    /// 2¹²⁸ and its inverse: rescaling steps that keep intermediate values inside Double's range.
    static let scaleUp = 0x1p128
    static let scaleDown = 0x1p-128
}
