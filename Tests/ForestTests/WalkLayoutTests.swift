import Testing
@testable import Forest

/// The serving walk (eight trees at once over `WalkLayout`) reaches the same leaf as a plain
/// walk of each tree, so predictions and intervals are the same bits.
@Suite struct WalkLayoutTests {
    /// Tree by tree, the plain way: `DecisionTree.predict`, summed in tree order.
    private func plain(_ forest: RandomForestRegressor, _ row: [Double]) -> (mean: Double, perTree: [Double]) {
        let perTree = forest.trees.map { $0.predict(row: row) }
        var total = 0.0
        for value in perTree { total += value }
        return (total / Double(perTree.count), perTree)
    }

    @Test(arguments: [1, 7, 8, 13, 40])
    func everyTreeCount_GivesThePlainWalksBits(trees: Int) throws {
        let (features, targets) = try Synthetic.make(rows: 300, features: 3, seed: 21)
        let forest = try RandomForestRegressor.fit(
            features: features, targets: targets, parameters: ForestParameters(treeCount: trees, seed: 5)
        )
        #expect(forest.walk != nil)  // the walk under test, not the plain fallback
        var random = SeededGenerator(seed: 3)
        // Training rows (thresholds sit between them) and fresh ones, some outside the range.
        let rows = (0..<50).map { features.row($0) }
            + (0..<50).map { _ in (0..<3).map { _ in Double(random.next(below: 1400)) / 1000 - 0.2 } }
        for row in rows {
            let (mean, perTree) = plain(forest, row)
            let interval = forest.predictWithInterval(row: row)
            #expect(interval.value.bitPattern == mean.bitPattern)
            #expect(forest.predict(row: row).bitPattern == mean.bitPattern)
            let sorted = perTree.sorted()
            sorted.withUnsafeBufferPointer { sorted in
                #expect(interval.lower == PredictionInterval.percentile(10, ofSorted: sorted))
                #expect(interval.upper == PredictionInterval.percentile(90, ofSorted: sorted))
            }
        }
    }

    @Test func singleLeafTrees_AreWalkedToo() throws {
        // Constant targets: every tree is one leaf (depth 0).
        let features = try FeatureMatrix(rows: (0..<20).map { [Double($0)] }, featureCount: 1)
        let forest = try RandomForestRegressor.fit(
            features: features, targets: Array(repeating: 4.25, count: 20), parameters: ForestParameters(treeCount: 9)
        )
        let interval = forest.predictWithInterval(row: [3])
        #expect(interval.value == 4.25 && interval.lower == 4.25 && interval.upper == 4.25)
    }
}
