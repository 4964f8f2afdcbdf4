/// The read-only inputs every tree of one fit shares: the features, the targets and, for each
/// feature, the rows in increasing order of that feature.
///
/// Sorting once per fit (the "presort" of early scikit-learn and of Breiman's original code)
/// lets each node find its sorted values by a stable partition of its parent's, O(n) per level
/// per feature instead of an O(n log n) sort per node per feature.
struct TrainingSet: Sendable {
    let features: FeatureMatrix
    let targets: [Double]
    /// `presorted[feature * rowCount ..< (feature + 1) * rowCount]`: rows by increasing value,
    /// ties by row number (a stable order, so fits are reproducible).
    let presorted: [Int32]

    init(features: FeatureMatrix, targets: [Double]) {
        self.features = features
        self.targets = targets
        let rowCount = features.rowCount
        var order = [Int32](repeating: 0, count: rowCount * features.featureCount)
        for feature in 0..<features.featureCount {
            let base = feature * rowCount
            var rows = Array(0..<Int32(rowCount))
            features.values.withUnsafeBufferPointer { values in
                rows.sort { a, b in
                    let va = values[base + Int(a)], vb = values[base + Int(b)]
                    return va < vb || (va == vb && a < b)
                }
            }
            order.replaceSubrange(base..<(base + rowCount), with: rows)
        }
        self.presorted = order
    }
}
