import Foundation

/// "Nice" axis ticks: steps of 1, 2 or 5 times a power of ten (Heckbert 1990, "Nice numbers
/// for graph labels"), so labels read 0, 5,000, 10,000 rather than 0, 4,137, 8,274.
public enum Ticks {
    /// The nice step that splits `span` into about `count` intervals.
    public static func step(span: Double, count: Int) -> Double {
        guard span > 0, span.isFinite, count > 0 else { return 1 }
        let raw = span / Double(count)
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        let residual = raw / magnitude
        let factor: Double = residual <= 1 ? 1 : residual <= 2 ? 2 : residual <= 5 ? 5 : 10
        return factor * magnitude
    }

    /// The domain widened to whole steps and the ticks inside it, about `count` intervals.
    /// A zero-width domain is first widened around its value so a constant series still gets an
    /// axis (value ± 1, or ± 10 % of its magnitude).
    public static func nice(low: Double, high: Double, count: Int = 5) -> (domain: ClosedRange<Double>, ticks: [Double], step: Double) {
        var (lower, upper) = (min(low, high), max(low, high))
        if !lower.isFinite || !upper.isFinite { (lower, upper) = (0, 1) }
        if lower == upper {
            let pad = lower == 0 ? 1 : abs(lower) * 0.1
            (lower, upper) = (lower - pad, upper + pad)
        }
        let step = self.step(span: upper - lower, count: count)
        let first = (lower / step).rounded(.down)
        let last = (upper / step).rounded(.up)
        // Tick indices beyond 2^52 no longer step by one (a spread of 1 around 10^16): fall back
        // to the two ends rather than loop forever or draw thousands of ticks.
        guard abs(first) < 0x1p52, abs(last) < 0x1p52, last - first <= 1000, step.isFinite else {
            return (lower...upper, [lower, upper], upper - lower)
        }
        let ticks = stride(from: first, through: last, by: 1).map { clean($0 * step) }
        return (clean(first * step)...clean(last * step), ticks, step)
    }

    /// Removes "-0" and float dust such as 0.30000000000000004 by rounding to 12 significant digits.
    static func clean(_ value: Double) -> Double {
        guard value != 0, value.isFinite else { return 0 }
        let digits = 12 - Int(log10(abs(value)).rounded(.up))
        let scale = pow(10, Double(min(max(digits, -300), 300)))
        let rounded = (value * scale).rounded() / scale
        return rounded.isFinite ? rounded + 0 : value
    }
}
