import Dispatch

// The forest: `fit` draws one seed per tree from the master seed before any work is dispatched,
// fits the trees in parallel (tree i written to slot i), then reduces everything in tree order.
// The result therefore depends only on the data and the parameters, never on `jobs` or on
// scheduling (scikit-learn#11137 and #9830 show what unordered float reductions do).
//
// All trees live in one flat node array (each tree's nodes contiguous, child indices local to
// the tree), so a prediction walks one buffer and a saved forest is that buffer's bytes.

/// A random forest of regression trees with scikit-learn's `RandomForestRegressor` semantics:
/// bootstrap samples, squared-error splits at midpoints, prediction = mean of the trees.
public struct RandomForestRegressor: Sendable, Equatable {
    /// The parameters the forest was fitted with.
    public let parameters: ForestParameters
    /// Number of features every row must have.
    public let featureCount: Int
    /// Every tree's nodes, tree after tree; `right` indices are relative to the tree's start.
    public let nodes: [DecisionTree.Node]
    /// Tree `t` occupies `nodes[treeStarts[t] ..< treeStarts[t + 1]]`.
    public let treeStarts: [Int]
    /// Mean decrease in impurity per feature, summing to 1 (0s when no tree split at all).
    public let featureImportances: [Double]
    /// Out-of-bag R² when `fit` was asked for it and some rows were left out of some bootstrap.
    public let outOfBagR2: Double?
    /// The same trees laid out for the one-row walk (derived from `nodes`; nil past 2^31 nodes).
    let walk: WalkLayout?
    /// Training weight (bootstrap count) that reached each node, one array per tree in the
    /// order of `trees[t].nodes`: what TreeSHAP needs to explain a prediction. Set by `fit`;
    /// nil for a forest rebuilt from storage without them.
    public internal(set) var nodeCovers: [[Double]]? = nil

    /// Fits a forest on `features` → `targets`.
    ///
    /// - Parameters:
    ///   - jobs: threads to use (1 = this thread only); the result is identical for every value.
    ///   - outOfBag: also compute the out-of-bag R² (`oob_score=True`).
    public static func fit(
        features: FeatureMatrix, targets: [Double], parameters: ForestParameters = ForestParameters(),
        jobs: Int = defaultJobs, outOfBag: Bool = false
    ) throws(ForestError) -> RandomForestRegressor {
        try parameters.validate()
        guard jobs >= 1 else { throw .invalidParameter(name: "jobs", value: "\(jobs)", expected: "at least 1") }
        guard features.rowCount == targets.count else {
            throw .shapeMismatch("\(features.rowCount) rows but \(targets.count) targets")
        }
        guard features.rowCount >= 2 else { throw .notEnoughRows(features.rowCount) }
        if let bad = features.values.firstIndex(where: { !$0.isFinite }) {
            throw .notFinite("feature \(bad / features.rowCount) of row \(bad % features.rowCount)")
        }
        if let bad = targets.firstIndex(where: { !$0.isFinite }) { throw .notFinite("the target of row \(bad)") }

        var master = SeededGenerator(seed: parameters.seed)
        let seeds = (0..<parameters.treeCount).map { _ in master.next() }
        let set = TrainingSet(features: features, targets: targets)
        let builder = TreeBuilder(set: set, parameters: parameters)
        let fitted = PhaseTimings.measure("fit") {
            ParallelSlots.map(count: seeds.count, jobs: jobs) { builder.fit(seed: seeds[$0]) }
        }

        // scikit-learn averages the importances of the trees that split at all, then normalises.
        var importances = [Double](repeating: 0, count: features.featureCount)
        for tree in fitted where tree.importances.contains(where: { $0 > 0 }) {
            for feature in importances.indices { importances[feature] += tree.importances[feature] }
        }
        let total = importances.reduce(0, +)
        if total > 0 { importances = importances.map { $0 / total } }

        let oob = outOfBag
            ? PhaseTimings.measure("oob") { OutOfBag.r2(trees: fitted, features: features, targets: targets, jobs: jobs) }
            : nil
        var forest = RandomForestRegressor(
            parameters: parameters, featureCount: features.featureCount, trees: fitted.map(\.tree),
            featureImportances: importances, outOfBagR2: oob
        )
        forest.nodeCovers = fitted.map(\.covers)
        return forest
    }

    /// A forest from its trees (validated ones, e.g. from `DecisionTree.init(nodes:…)`).
    public init(
        parameters: ForestParameters, featureCount: Int, trees: [DecisionTree], featureImportances: [Double],
        outOfBagR2: Double?
    ) {
        var nodes: [DecisionTree.Node] = []
        nodes.reserveCapacity(trees.reduce(0) { $0 + $1.nodes.count })
        var starts = [0]
        for tree in trees {
            nodes += tree.nodes
            starts.append(nodes.count)
        }
        self.init(
            parameters: parameters, featureCount: featureCount, nodes: nodes, treeStarts: starts,
            featureImportances: featureImportances, outOfBagR2: outOfBagR2
        )
    }

    /// A forest from flat storage already validated tree by tree (see `validated(nodes:…)`).
    init(
        parameters: ForestParameters, featureCount: Int, nodes: [DecisionTree.Node], treeStarts: [Int],
        featureImportances: [Double], outOfBagR2: Double?
    ) {
        self.parameters = parameters
        self.featureCount = featureCount
        self.nodes = nodes
        self.treeStarts = treeStarts
        self.featureImportances = featureImportances
        self.outOfBagR2 = outOfBagR2
        walk = WalkLayout(nodes: nodes, treeStarts: treeStarts, featureCount: featureCount)
    }

    /// A forest from flat storage (as a model file holds it), every tree checked with
    /// `DecisionTree.validate`; `nodeCounts[t]` nodes belong to tree `t`.
    public static func validated(
        parameters: ForestParameters, featureCount: Int, nodes: [DecisionTree.Node], nodeCounts: [Int],
        featureImportances: [Double], outOfBagR2: Double?
    ) throws(ForestError) -> RandomForestRegressor {
        guard !nodeCounts.isEmpty, nodeCounts.allSatisfy({ $0 >= 1 }), nodeCounts.reduce(0, +) == nodes.count else {
            throw .malformedTree(index: 0, reason: "the node counts do not add up to the \(nodes.count) nodes")
        }
        guard featureImportances.count == featureCount else {
            throw .shapeMismatch("\(featureImportances.count) importances for \(featureCount) features")
        }
        var starts = [0]
        starts.reserveCapacity(nodeCounts.count + 1)
        for (index, count) in nodeCounts.enumerated() {
            let start = starts[index]
            try DecisionTree.validate(nodes[start..<(start + count)], featureCount: featureCount, index: index)
            starts.append(start + count)
        }
        return RandomForestRegressor(
            parameters: parameters, featureCount: featureCount, nodes: nodes, treeStarts: starts,
            featureImportances: featureImportances, outOfBagR2: outOfBagR2
        )
    }

    /// Every core the process may use.
    public static var defaultJobs: Int { max(1, ProcessInfoCores.count) }

    /// Number of trees.
    public var treeCount: Int { treeStarts.count - 1 }

    /// The trees, as separate values (copies; prediction does not need them).
    public var trees: [DecisionTree] {
        (0..<treeCount).map { DecisionTree(trusted: Array(nodes[treeStarts[$0]..<treeStarts[$0 + 1]])) }
    }

    /// Tree `tree`'s prediction for a row read through `feature(i)`.
    @inlinable
    func predict(tree: Int, in buffer: UnsafeBufferPointer<DecisionTree.Node>, _ feature: (Int) -> Double) -> Double {
        let base = treeStarts[tree]
        var index = base
        while true {
            let node = buffer[index]
            if node.feature < 0 { return node.value }
            // Branch-free step: which way a row goes is unpredictable, and a mispredicted branch
            // per level costs more than the arithmetic.
            index = RandomForestRegressor.choose(
                feature(Int(node.feature)) > node.value, right: base &+ Int(node.right), left: index &+ 1
            )
        }
    }

    /// The mean of the trees' predictions for one row (`row.count == featureCount`).
    public func predict(row: [Double]) -> Double {
        row.withUnsafeBufferPointer { values in predict { values[$0] } }
    }

    /// The prediction for one row read through `feature(i)` (no array needed).
    @inlinable
    public func predict(_ feature: (Int) -> Double) -> Double {
        StackScratch.withDoubles(treeCount) { perTree in
            predictEachTree(into: perTree, feature)
            var total = 0.0
            for value in perTree { total += value }
            return total / Double(treeCount)
        }
    }

    /// Predictions for every row of `features`, blocks of rows spread over `jobs` threads.
    ///
    /// Within a block the loop runs tree by tree (the tree stays in cache while every row of
    /// the block walks it), and each row still adds the trees in order, so the result equals
    /// `predict(row:)` bit for bit.
    public func predict(_ features: FeatureMatrix, jobs: Int = defaultJobs) -> [Double] {
        let block = 1024
        let rowCount = features.rowCount
        let blocks = (rowCount + block - 1) / block
        let parts = ParallelSlots.map(count: blocks, jobs: jobs) { index -> [Double] in
            let first = index * block
            let count = min(rowCount, first + block) - first
            var sums = [Double](repeating: 0, count: count)
            features.values.withUnsafeBufferPointer { values in
                nodes.withUnsafeBufferPointer { buffer in
                    for tree in 0..<treeCount {
                        for offset in 0..<count {
                            let row = first + offset
                            sums[offset] += predict(tree: tree, in: buffer) { values[$0 * rowCount + row] }
                        }
                    }
                }
            }
            let trees = Double(treeCount)
            return sums.map { $0 / trees }
        }
        return parts.flatMap { $0 }
    }
}
