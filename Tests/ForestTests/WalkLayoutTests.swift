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

    /// 240 trees is the most whose scratch lives on the stack (`StackScratch`); 241 takes the
    /// heap fallback.
    @Test(arguments: [1, 7, 8, 13, 40, 240, 241])
    func everyTreeCount_GivesThePlainWalksBits(trees: Int) throws {
        let (features, targets) = try Synthetic.make(rows: 300, features: 3, seed: 21)
        let forest = try RandomForestRegressor.fit(
            features: features, targets: targets, parameters: ForestParameters(treeCount: trees, seed: 5)
        )
        let walk = try #require(forest.walk)  // the walk under test, not the plain fallback
        // Both parts of the walk run: the unchecked head, and the tail of unfinished lanes.
        #expect(walk.headSteps > 0 && walk.headSteps < walk.maxDepth)
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

    @Test func manyFeatures_AreWalkedToo() throws {
        // More features than the former layout's 5-bit slot held.
        let (features, targets) = try Synthetic.make(rows: 200, features: 40, seed: 8)
        let forest = try RandomForestRegressor.fit(
            features: features, targets: targets, parameters: ForestParameters(treeCount: 16, seed: 2)
        )
        #expect(forest.walk != nil)
        for index in 0..<40 {
            let row = features.row(index).map { $0 + 0.01 }
            #expect(forest.predict(row: row).bitPattern == plain(forest, row).mean.bitPattern)
        }
    }

    @Test func aChildBeforeItsParent_GetsNoLayout() {
        // The walk stops when no lane's position grows, so it needs every child after its
        // parent; nodes breaking that rule (which validation refuses) are left to the plain walk.
        let backwards = [
            DecisionTree.Node(feature: 0, right: 1, value: 0.5),
            DecisionTree.Node(feature: -1, right: 0, value: 1),
            DecisionTree.Node(feature: -1, right: 0, value: 2),
        ]
        #expect(WalkLayout(nodes: backwards, treeStarts: [0, 3], featureCount: 1) == nil)
        let forward = [backwards[0]].map { DecisionTree.Node(feature: $0.feature, right: 2, value: $0.value) } + backwards.dropFirst()
        let layout = WalkLayout(nodes: forward, treeStarts: [0, 3], featureCount: 1)
        #expect(layout?.roots == [0] && layout?.groupDepths == [1])
    }
}
