/// The spread of the trees' predictions for one row: the mean (the forest's prediction) and the
/// 10th and 90th percentiles of the per-tree predictions.
///
/// It shows how much the trees disagree, not a calibrated confidence interval: with bootstrap
/// trees roughly 80 % of them predict inside it.
public struct PredictionInterval: Sendable, Equatable {
    /// Percentile of the per-tree predictions used for `lower`.
    public static let lowerPercentile = 10.0
    /// Percentile of the per-tree predictions used for `upper`.
    public static let upperPercentile = 90.0

    /// Mean of the trees.
    public let value: Double
    /// 10th percentile of the trees.
    public let lower: Double
    /// 90th percentile of the trees.
    public let upper: Double

    /// A prediction with its interval bounds.
    public init(value: Double, lower: Double, upper: Double) {
        self.value = value
        self.lower = lower
        self.upper = upper
    }

    /// The `percent` percentile of `values` (non-empty, any order) with NumPy's linear
    /// interpolation, found by a bounded heap in about O(n) rather than a full sort.
    public static func percentile(_ percent: Double, of values: UnsafeBufferPointer<Double>) -> Double {
        let rank = percent / 100 * Double(values.count - 1)
        let below = Int(rank.rounded(.down))
        let fraction = rank - Double(below)
        let (low, high) = Selection.ranks(below, of: values)
        return fraction > 0 ? low + (high - low) * fraction : low
    }

    /// The `percent` percentile of `sorted` (ascending, non-empty) with linear interpolation
    /// between closest ranks, NumPy's default `percentile(method="linear")`.
    public static func percentile(_ percent: Double, ofSorted sorted: UnsafeBufferPointer<Double>) -> Double {
        let rank = percent / 100 * Double(sorted.count - 1)
        let below = Int(rank.rounded(.down))
        let above = min(below + 1, sorted.count - 1)
        let fraction = rank - Double(below)
        return sorted[below] + (sorted[above] - sorted[below]) * fraction
    }
}

extension RandomForestRegressor {
    /// The prediction for one row with the 10th–90th percentile interval of the trees.
    ///
    /// The per-tree values live on the stack (`StackScratch`), so a call allocates nothing on
    /// the heap for forests of up to 240 trees.
    public func predictWithInterval(_ feature: (Int) -> Double) -> PredictionInterval {
        let count = treeCount
        return StackScratch.withDoubles(count) { perTree in
            predictEachTree(into: perTree, feature)
            var total = 0.0
            for value in perTree { total += value }
            let values = UnsafeBufferPointer(perTree)
            let lower = PredictionInterval.percentile(PredictionInterval.lowerPercentile, of: values)
            let upper = PredictionInterval.percentile(PredictionInterval.upperPercentile, of: values)
            return PredictionInterval(value: total / Double(count), lower: lower, upper: upper)
        }
    }

    /// `predictWithInterval` for a row given as an array in feature order.
    public func predictWithInterval(row: [Double]) -> PredictionInterval {
        row.withUnsafeBufferPointer { values in predictWithInterval { values[$0] } }
    }
}
