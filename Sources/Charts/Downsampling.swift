/// Keeps the shape of a long series in few points: for each pixel column, the first, lowest,
/// highest and last point (the M4 idea of Jugel et al. 2014), in time order. A line through
/// them draws the same pixels as a line through every point.
public enum Downsampling {
    /// Indices of the points to keep. `x` must be sorted ascending; `column(x)` gives a point's
    /// pixel column. Returns every index when the series is already short enough.
    public static func minMaxPerColumn(x: [Double], y: [Double], columns: Int, column: (Double) -> Int) -> [Int] {
        guard x.count > 4 * columns else { return Array(x.indices) }
        var kept: [Int] = []
        kept.reserveCapacity(4 * columns)
        var index = 0
        while index < x.count {
            let current = column(x[index])
            let first = index
            var low = index
            var high = index
            index += 1
            while index < x.count, column(x[index]) == current {
                if y[index] < y[low] { low = index }
                if y[index] > y[high] { high = index }
                index += 1
            }
            let last = index - 1
            for keep in Set([first, low, high, last]).sorted() { kept.append(keep) }
        }
        return kept
    }
}
