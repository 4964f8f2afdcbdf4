/// A forecast interval calibrated by split-conformal prediction on relative errors (issue 9 §2).
///
/// The tree spread of a forest is not a forecast interval (it covers what it happens to cover,
/// and a rule has no trees at all). Instead, out-of-sample forecasts ŷᵢ with their outcomes yᵢ
/// give relative errors eᵢ = |yᵢ − ŷᵢ| / ŷᵢ; the interval of a new forecast ŷ is
/// ŷ · (1 ± q), q the ⌈(n + 1)·c⌉-th smallest of the n errors (c the target coverage). If the
/// new error is exchangeable with the calibration errors, the interval covers the outcome with
/// probability at least c (Vovk, Gammerman & Shafer 2005; Lei et al. 2018, §2.2). Relative
/// rather than absolute errors make the width follow the level, so a shop that doubles keeps
/// its coverage.
public struct ConformalInterval: Sendable, Equatable, Codable {
    /// The coverage `forecast train` aims at: the 10th–90th percentile band the interval replaces.
    public static let defaultCoverage = 0.8
    /// The method, as the model file names it.
    public static let methodName = "split_conformal_relative"

    public var method: String
    /// The share of outcomes the interval is calibrated to cover, in (0, 1).
    public var targetCoverage: Double
    /// q: the interval is `value × (1 ± q)`, its lower end clamped at 0.
    public var relativeHalfWidth: Double
    /// How many out-of-sample errors the quantile was taken from.
    public var calibrationSize: Int

    enum CodingKeys: String, CodingKey {
        case method
        case targetCoverage = "target_coverage"
        case relativeHalfWidth = "relative_half_width"
        case calibrationSize = "calibration_size"
    }

    /// An interval with a known half-width.
    public init(targetCoverage: Double, relativeHalfWidth: Double, calibrationSize: Int) {
        method = ConformalInterval.methodName
        self.targetCoverage = targetCoverage
        self.relativeHalfWidth = relativeHalfWidth
        self.calibrationSize = calibrationSize
    }

    /// Calibrates on out-of-sample forecasts; nil when there are none. With fewer errors than
    /// the coverage needs (⌈(n + 1)·c⌉ > n), the largest error is used: the finite-sample
    /// guarantee then does not hold, but the interval stays finite and usable.
    public static func calibrate(
        actual: [Double], predicted: [Double], coverage: Double = defaultCoverage
    ) -> ConformalInterval? {
        let errors = zip(actual, predicted).map { relativeError(actual: $0, predicted: $1) }.filter(\.isFinite).sorted()
        guard !errors.isEmpty else { return nil }
        let rank = Int((Double(errors.count + 1) * coverage).rounded(.up))
        let index = min(errors.count, max(1, rank)) - 1
        return ConformalInterval(targetCoverage: coverage, relativeHalfWidth: errors[index], calibrationSize: errors.count)
    }

    /// |y − ŷ| / ŷ; a forecast of 0 is exact only for an outcome of 0 (else the error is
    /// infinite and left out of the calibration, as no finite width could cover it).
    static func relativeError(actual: Double, predicted: Double) -> Double {
        let miss = abs(actual - predicted)
        if predicted > 0 { return miss / predicted }
        return miss == 0 ? 0 : .infinity
    }

    /// The interval's bounds around `value`.
    public func bounds(around value: Double) -> (lower: Double, upper: Double) {
        (max(0, value * (1 - relativeHalfWidth)), value * (1 + relativeHalfWidth))
    }

    /// The share of `actual` inside the intervals around `predicted` (nil for no rows).
    public func coverage(actual: [Double], predicted: [Double]) -> Double? {
        guard !actual.isEmpty else { return nil }
        let inside = zip(actual, predicted).filter { outcome, forecast in
            let (lower, upper) = bounds(around: forecast)
            return outcome >= lower && outcome <= upper
        }.count
        return Double(inside) / Double(actual.count)
    }

    /// Whether a stored interval can be served.
    public var isValid: Bool {
        method == ConformalInterval.methodName && targetCoverage > 0 && targetCoverage < 1
            && relativeHalfWidth.isFinite && relativeHalfWidth >= 0 && calibrationSize >= 1
    }
}
