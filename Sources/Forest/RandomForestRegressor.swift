import Dispatch

// The forest: `fit` draws one seed per tree from the master seed before any work is dispatched,
// fits the trees in parallel (tree i written to slot i), then reduces everything in tree order.
// The result therefore depends only on the data and the parameters, never on `jobs` or on
// scheduling (scikit-learn#11137 and #9830 show what unordered float reductions do).

/// A random forest of regression trees with scikit-learn's `RandomForestRegressor` semantics:
/// bootstrap samples, squared-error splits at midpoints, prediction = mean of the trees.
public struct RandomForestRegressor: Sendable, Equatable {
    /// The parameters the forest was fitted with.
    public let parameters: ForestParameters
    /// Number of features every row must have.
    public let featureCount: Int
    /// The trees, in seed order.
    public let trees: [DecisionTree]
    /// Mean decrease in impurity per feature, summing to 1 (0s when no tree split at all).
    public let featureImportances: [Double]
    /// Out-of-bag R² when `fit` was asked for it and some rows were left out of some bootstrap.
    public let outOfBagR2: Double?

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
        let fitted = ParallelSlots.map(count: seeds.count, jobs: jobs) { builder.fit(seed: seeds[$0]) }

        var importances = [Double](repeating: 0, count: features.featureCount)
        var splitting = 0
        for tree in fitted where tree.importances.contains(where: { $0 > 0 }) {
            splitting += 1
            for feature in importances.indices { importances[feature] += tree.importances[feature] }
        }
        let total = importances.reduce(0, +)
        if total > 0 { importances = importances.map { $0 / total } }

        let trees = fitted.map(\.tree)
        let oob = outOfBag
            ? OutOfBag.r2(trees: fitted, features: features, targets: targets, jobs: jobs) : nil
        return RandomForestRegressor(
            parameters: parameters, featureCount: features.featureCount, trees: trees,
            featureImportances: importances, outOfBagR2: oob
        )
    }

    /// Rebuilds a saved forest (trees already validated by `DecisionTree.init(nodes:…)`).
    public init(
        parameters: ForestParameters, featureCount: Int, trees: [DecisionTree], featureImportances: [Double],
        outOfBagR2: Double?
    ) {
        self.parameters = parameters
        self.featureCount = featureCount
        self.trees = trees
        self.featureImportances = featureImportances
        self.outOfBagR2 = outOfBagR2
    }

    /// Every core the process may use.
    public static var defaultJobs: Int { max(1, ProcessInfoCores.count) }

    /// The mean of the trees' predictions for one row (`row.count == featureCount`).
    public func predict(row: [Double]) -> Double {
        row.withUnsafeBufferPointer { values in
            var total = 0.0
            for tree in trees { total += tree.predict { values[$0] } }
            return total / Double(trees.count)
        }
    }

    /// Predictions for every row of `features`, rows spread over `jobs` threads.
    public func predict(_ features: FeatureMatrix, jobs: Int = defaultJobs) -> [Double] {
        let chunk = 1024
        let chunks = (features.rowCount + chunk - 1) / chunk
        let parts = ParallelSlots.map(count: chunks, jobs: jobs) { index -> [Double] in
            let rows = (index * chunk)..<min(features.rowCount, (index + 1) * chunk)
            return features.values.withUnsafeBufferPointer { values in
                rows.map { row in
                    var total = 0.0
                    for tree in trees {
                        total += tree.predict { values[$0 * features.rowCount + row] }
                    }
                    return total / Double(trees.count)
                }
            }
        }
        return parts.flatMap { $0 }
    }
}
