/// Exact SHAP values of a forest's predictions (path-dependent TreeSHAP, see `TreeSHAP`), as
/// the `shap` package's `TreeExplainer` computes them for a scikit-learn `RandomForestRegressor`:
/// each tree's values weighted by 1 / trees, so that for every row
/// `expectedValue + contributions.sum() == prediction` up to rounding.
///
/// Needs every node's training cover (`RandomForestRegressor.nodeCovers`); a forest stored
/// without them cannot be explained. Built once per model and immutable, so a server shares it.
public struct ForestExplainer: Sendable {
    /// What a row's prediction is made of.
    public struct Explanation: Sendable, Equatable {
        /// The forest's mean prediction over its training data (cover-weighted), the baseline
        /// the contributions start from.
        public let expectedValue: Double
        /// One value per feature, in feature order.
        public let contributions: [Double]
    }

    /// Number of features every row must have.
    public let featureCount: Int
    /// The mean over the trees of each tree's cover-weighted mean leaf value.
    public let expectedValue: Double
    private let trees: [DecisionTree]
    private let covers: [[Double]]
    /// Each tree's deepest leaf, which sizes its path scratch area.
    private let depths: [Int]

    /// An explainer for `trees` whose node `i` of tree `t` saw training weight `covers[t][i]`.
    ///
    /// Checks that covers fit the trees: one positive finite value per node, and every split's
    /// cover equal to its children's (a damaged file would otherwise give silently wrong values).
    public init(trees: [DecisionTree], covers: [[Double]], featureCount: Int) throws(ForestError) {
        guard !trees.isEmpty else { throw .malformedTree(index: 0, reason: "the forest has no trees") }
        guard covers.count == trees.count else {
            throw .malformedCovers("\(covers.count) arrays of node covers for \(trees.count) trees")
        }
        for (index, tree) in trees.enumerated() {
            try ForestExplainer.check(covers[index], of: tree, index: index)
        }
        self.featureCount = featureCount
        self.trees = trees
        self.covers = covers
        depths = trees.map(\.depth)
        var total = 0.0
        for (index, tree) in trees.enumerated() { total += TreeSHAP.expectedValue(tree: tree, covers: covers[index]) }
        expectedValue = total / Double(trees.count)
    }

    /// An explainer for a forest that carries its node covers (one fitted by this build).
    public init(forest: RandomForestRegressor) throws(ForestError) {
        guard let covers = forest.nodeCovers else { throw .missingCovers }
        try self.init(trees: forest.trees, covers: covers, featureCount: forest.featureCount)
    }

    /// The explanation of the forest's prediction for `row` (`row.count == featureCount`).
    ///
    /// O(trees × leaves × depth²): tens of milliseconds for the daily model, so it runs only
    /// when a caller asks for an explanation.
    public func explain(row: [Double]) -> Explanation {
        precondition(row.count == featureCount, "a row of \(row.count) values for \(featureCount) features")
        var contributions = [Double](repeating: 0, count: featureCount)
        let scale = 1 / Double(trees.count)
        let capacity = TreeSHAP.pathCapacity(depth: depths.max() ?? 0)
        var path = [TreeSHAP.PathElement](repeating: .empty, count: capacity)
        row.withUnsafeBufferPointer { values in
            contributions.withUnsafeMutableBufferPointer { sums in
                path.withUnsafeMutableBufferPointer { path in
                    for (index, tree) in trees.enumerated() {
                        tree.nodes.withUnsafeBufferPointer { nodes in
                            covers[index].withUnsafeBufferPointer { covers in
                                let walker = TreeSHAP(nodes: nodes, covers: covers, path: path)
                                walker.accumulate(into: sums, scale: scale, row: values)
                            }
                        }
                    }
                }
            }
        }
        return Explanation(expectedValue: expectedValue, contributions: contributions)
    }

    private static func check(_ covers: [Double], of tree: DecisionTree, index: Int) throws(ForestError) {
        guard covers.count == tree.nodes.count else {
            throw .malformedCovers("tree \(index) has \(tree.nodes.count) nodes but \(covers.count) covers")
        }
        for (node, cover) in covers.enumerated() {
            guard cover.isFinite, cover > 0 else {
                throw .malformedCovers("node \(node) of tree \(index) has cover \(cover)")
            }
            let split = tree.nodes[node]
            if split.isLeaf { continue }
            let children = covers[node + 1] + covers[Int(split.right)]
            // Covers are sums of sample weights: a split's equals its children's up to rounding.
            guard abs(children - cover) <= 1e-9 * cover else {
                throw .malformedCovers("node \(node) of tree \(index) covers \(cover) but its children \(children)")
            }
        }
    }
}
