/// The hyperparameters of `RandomForestRegressor`, with scikit-learn's defaults
/// (`RandomForestRegressor()` in scikit-learn 1.x) except the tree count and seed, which follow
/// SPEC.md (`forecast train`: 200 trees, seed 42).
public struct ForestParameters: Sendable, Equatable, Codable {
    /// Number of trees (`n_estimators`). SPEC.md default 200.
    public var treeCount: Int
    /// Master seed; every tree's seed is drawn from it before any work starts.
    public var seed: UInt64
    /// Deepest level a leaf may sit at (root = 0); nil grows until leaves are pure
    /// (`max_depth=None`).
    public var maxDepth: Int?
    /// A node with fewer samples is a leaf (`min_samples_split=2`).
    public var minSamplesSplit: Int
    /// Every leaf keeps at least this many distinct samples (`min_samples_leaf=1`).
    public var minSamplesLeaf: Int
    /// Fraction of the features tried at each split (`max_features=1.0`, all of them).
    public var maxFeatures: Double
    /// Each tree sees a bootstrap sample of the rows (`bootstrap=True`).
    public var bootstrap: Bool

    /// Parameters with scikit-learn's defaults unless given.
    public init(
        treeCount: Int = 200, seed: UInt64 = 42, maxDepth: Int? = nil, minSamplesSplit: Int = 2,
        minSamplesLeaf: Int = 1, maxFeatures: Double = 1.0, bootstrap: Bool = true
    ) {
        self.treeCount = treeCount
        self.seed = seed
        self.maxDepth = maxDepth
        self.minSamplesSplit = minSamplesSplit
        self.minSamplesLeaf = minSamplesLeaf
        self.maxFeatures = maxFeatures
        self.bootstrap = bootstrap
    }

    /// Throws naming the first parameter out of range.
    public func validate() throws(ForestError) {
        guard treeCount >= 1 else {
            throw .invalidParameter(name: "tree count", value: "\(treeCount)", expected: "at least 1")
        }
        if let maxDepth, maxDepth < 1 {
            throw .invalidParameter(name: "max depth", value: "\(maxDepth)", expected: "at least 1")
        }
        guard minSamplesSplit >= 2 else {
            throw .invalidParameter(name: "min samples split", value: "\(minSamplesSplit)", expected: "at least 2")
        }
        guard minSamplesLeaf >= 1 else {
            throw .invalidParameter(name: "min samples leaf", value: "\(minSamplesLeaf)", expected: "at least 1")
        }
        guard maxFeatures > 0, maxFeatures <= 1 else {
            throw .invalidParameter(name: "max features", value: "\(maxFeatures)", expected: "in (0, 1]")
        }
    }

    /// Features tried per split for `featureCount` features: `max(1, int(max_features * n))`
    /// as scikit-learn computes it.
    public func featuresPerSplit(of featureCount: Int) -> Int {
        max(1, min(featureCount, Int(maxFeatures * Double(featureCount))))
    }
}
