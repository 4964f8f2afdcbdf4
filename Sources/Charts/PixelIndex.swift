/// Pixel columns, rows and bins as array indices, from positions that may be anything a
/// hostile log produces: `Int(_:)` traps on NaN, infinity and magnitudes past 2^63, so every
/// conversion of a computed position goes through here and is clamped first.
enum PixelIndex {
    /// `value` rounded down and clamped to `0..<count`; NaN gives 0.
    static func clamped(_ value: Double, count: Int) -> Int {
        guard count > 0, value.isFinite else { return 0 }
        return Int(min(max(value, 0), Double(count - 1)).rounded(.down))
    }

    /// The bin of `value` among sorted `edges` (bins closed on the left, the last one closed
    /// on both sides, like numpy's histogram); values outside go to the nearest end bin.
    static func bin(_ value: Double, edges: [Double]) -> Int {
        let binCount = edges.count - 1
        guard binCount > 1 else { return 0 }
        var low = 0
        var high = binCount - 1
        // The last bin whose left edge is ≤ value.
        while low < high {
            let middle = (low + high + 1) / 2
            if edges[middle] <= value { low = middle } else { high = middle - 1 }
        }
        return low
    }
}
