/// Maps a data interval onto a pixel interval, linearly.
public struct LinearScale: Sendable, Equatable {
    public let domain: ClosedRange<Double>
    /// Pixels for `domain.lowerBound` and `domain.upperBound` (the y scale runs downwards).
    public let start: Double
    public let end: Double

    /// Maps `domain.lowerBound` to `start` and `domain.upperBound` to `end`.
    public init(domain: ClosedRange<Double>, start: Double, end: Double) {
        self.domain = domain
        self.start = start
        self.end = end
    }

    /// The pixel position of `value`; a zero-width domain maps everything to the middle.
    public func callAsFunction(_ value: Double) -> Double {
        let span = domain.upperBound - domain.lowerBound
        guard span > 0 else { return (start + end) / 2 }
        // A domain wider than Double's range (−1e308…1e308): the same ratio, halved first.
        let fraction = span.isFinite
            ? (value - domain.lowerBound) / span
            : (value / 2 - domain.lowerBound / 2) / (domain.upperBound / 2 - domain.lowerBound / 2)
        return fraction.isFinite ? start + fraction * (end - start) : (start + end) / 2
    }
}
