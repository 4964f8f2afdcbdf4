import Charts

/// The mean of a logged value per time bucket (an hour, a day…), drawn over the raw line so a
/// slow shift is visible through the noise of thousands of predictions.
enum PredictionTrend {
    /// Bucket widths in seconds and their names; the first giving at most `maxBuckets` is used.
    static let buckets: [(seconds: Double, name: String)] = [
        (60, "minute"), (300, "5 minutes"), (900, "15 minutes"), (3600, "hour"), (10_800, "3 hours"),
        (21_600, "6 hours"), (86_400, "day"), (604_800, "week"),
    ]
    /// Below this many points the raw line is readable on its own.
    static let minimumPoints = 500
    static let maxBuckets = 150

    /// The per-bucket means of `values` at `times`, or nil when there are too few points or
    /// fewer than three buckets.
    static func series(times: [Double], values: [Double]) -> Series? {
        guard times.count >= minimumPoints, let low = times.min(), let high = times.max(), high > low else { return nil }
        let bucket = buckets.first { (high - low) / $0.seconds <= Double(maxBuckets) } ?? buckets[buckets.count - 1]
        // Buckets aligned to multiples of the width since 1970, indexed from the first one.
        let first = Int((low / bucket.seconds).rounded(.down))
        let count = Int((high / bucket.seconds).rounded(.down)) - first + 1
        var totals = [Double](repeating: 0, count: count)
        var timeTotals = [Double](repeating: 0, count: count)
        var counts = [Int](repeating: 0, count: count)
        for index in times.indices {
            let slot = Int((times[index] / bucket.seconds).rounded(.down)) - first
            totals[slot] += values[index]
            timeTotals[slot] += times[index] - low
            counts[slot] += 1
        }
        let filled = counts.indices.filter { counts[$0] > 0 }
        guard filled.count >= 3 else { return nil }
        var series = Series(name: "mean per \(bucket.name)",
                            // At the mean time of its points, so the line never runs past the data.
                            x: filled.map { low + timeTotals[$0] / Double(counts[$0]) },
                            y: filled.map { totals[$0] / Double(counts[$0]) })
        series.lineWidth = 2.6
        return series
    }
}
