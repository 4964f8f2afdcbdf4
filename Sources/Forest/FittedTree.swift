/// What fitting one tree produces: the tree, its normalised impurity importances and which
/// rows its bootstrap drew (for out-of-bag scoring).
struct FittedTree: Sendable {
    let tree: DecisionTree
    /// Bootstrap weight reaching each node of `tree` (same order as its nodes).
    let covers: [Double]
    /// Impurity decrease per feature, divided by the root weight and then by the tree's total,
    /// as scikit-learn's `Tree.compute_feature_importances(normalize=True)`; all zero for a
    /// tree that is a single leaf.
    let importances: [Double]
    /// Bit `row` is set when the bootstrap drew `row` at least once.
    let inBag: [UInt64]

    func isInBag(_ row: Int) -> Bool {
        inBag[row >> 6] & (1 << UInt64(row & 63)) != 0
    }
}
