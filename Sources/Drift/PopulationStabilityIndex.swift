import Foundation

/// The population stability index of a current sample against a reference, binned the way
/// numpy bins with Sturges' rule over the pooled values, empty bins given a small share (as
/// Evidently does) so the log is defined. Σ (ref% − cur%) · ln(ref% / cur%); rule of thumb: < 0.1 stable, ≥ 0.2 shifted.
public enum PopulationStabilityIndex {
    /// Share given to an empty bin (Evidently's default fill value).
    static let emptyBinShare = 0.0001

    /// - Throws: `DriftError.emptySample` when either sample is empty.
    public static func value(reference: [Double], current: [Double]) throws(DriftError) -> Double {
        guard !reference.isEmpty, !current.isEmpty else { throw DriftError.emptySample }
        guard reference.allSatisfy(\.isFinite), current.allSatisfy(\.isFinite) else { throw DriftError.nonFiniteValue }
        let edges = sturgesEdges(pooledCount: reference.count + current.count,
                                 low: min(reference.min()!, current.min()!),
                                 high: max(reference.max()!, current.max()!))
        let referenceShares = filled(shares(of: reference, edges: edges))
        let currentShares = filled(shares(of: current, edges: edges))
        var total = 0.0
        for index in referenceShares.indices {
            let r = referenceShares[index]
            let c = currentShares[index]
            total += (r - c) * log(r / c)
        }
        return total
    }

    /// numpy's `histogram_bin_edges(pooled, bins="sturges")`: width ptp / (log2(n) + 1), then
    /// ⌈ptp / width⌉ equal bins (computed the same way, so float rounding agrees); a constant
    /// sample gets one bin over [v − 0.5, v + 0.5].
    static func sturgesEdges(pooledCount: Int, low: Double, high: Double) -> [Double] {
        let spread = high - low
        let sturges = log2(Double(pooledCount)) + 1
        let width = spread / sturges
        let ratio = spread / width
        let binCount = width > 0 && ratio.isFinite ? max(Int(ratio.rounded(.up)), 1) : max(Int(sturges.rounded(.up)), 1)
        let (first, last) = low == high ? (low - 0.5, high + 0.5) : (low, high)
        // Divided before subtracting, so a range wider than Double's (−1e308…1e308) stays finite.
        let step = last / Double(binCount) - first / Double(binCount)
        return (0...binCount).map { $0 == binCount ? last : first + Double($0) * step }
    }

    /// Share of `values` in each bin; the last bin is closed on the right (numpy `histogram`).
    static func shares(of values: [Double], edges: [Double]) -> [Double] {
        let binCount = edges.count - 1
        var counts = [Int](repeating: 0, count: binCount)
        for value in values where value >= edges[0] && value <= edges[binCount] {
            // The last bin whose left edge is ≤ value (binary search: exact at the edges).
            var low = 0
            var high = binCount - 1
            while low < high {
                let middle = (low + high + 1) / 2
                if edges[middle] <= value { low = middle } else { high = middle - 1 }
            }
            counts[low] += 1
        }
        return counts.map { Double($0) / Double(values.count) }
    }

    /// Evidently: an empty bin takes 0.0001, or a millionth of the smallest non-empty share
    /// when that share is itself ≤ 0.0001.
    static func filled(_ shares: [Double]) -> [Double] {
        let smallest = shares.filter { $0 > 0 }.min() ?? emptyBinShare
        let fill = smallest <= emptyBinShare ? smallest / 1_000_000 : emptyBinShare
        return shares.map { $0 == 0 ? fill : $0 }
    }
}
