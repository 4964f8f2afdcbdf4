import Testing
@testable import Forest

/// Fitting and predicting: exact answers on data small enough to check by hand, invariants on
/// random data, and reproducibility.
@Suite struct RandomForestRegressorTests {
    /// One tree without bootstrap sees every row once, so its splits can be worked out on paper.
    static let singleTree = ForestParameters(treeCount: 1, seed: 1, bootstrap: false)

    @Test func oneSplit_SitsHalfwayBetweenTheTwoGroups() throws {
        // y jumps between x = 3 and x = 10: the best split is x <= 6.5, leaves 0 and 5.
        let features = try FeatureMatrix(rows: [[1], [2], [3], [10], [11], [12]], featureCount: 1)
        let forest = try RandomForestRegressor.fit(
            features: features, targets: [0, 0, 0, 5, 5, 5], parameters: Self.singleTree
        )
        let nodes = forest.trees[0].nodes
        #expect(nodes.count == 3)
        #expect(nodes[0] == DecisionTree.Node(feature: 0, right: 2, value: 6.5))
        #expect(nodes[1] == DecisionTree.Node(feature: -1, right: 0, value: 0))
        #expect(nodes[2] == DecisionTree.Node(feature: -1, right: 0, value: 5))
        #expect(forest.predict(row: [6.4]) == 0)
        #expect(forest.predict(row: [6.6]) == 5)
    }

    @Test func split_PicksTheFeatureThatReducesSquaredErrorMost() throws {
        // Feature 0 is noise; feature 1 separates y exactly between 20 and 30 → threshold 25.
        let rows: [[Double]] = [[5, 10], [1, 20], [4, 30], [2, 40]]
        let forest = try RandomForestRegressor.fit(
            features: try FeatureMatrix(rows: rows, featureCount: 2), targets: [1, 1, 9, 9], parameters: Self.singleTree
        )
        let root = forest.trees[0].nodes[0]
        #expect(root.feature == 1)
        #expect(root.value == 25)
        #expect(forest.featureImportances == [0, 1])
    }

    @Test func unevenSplit_MinimisesTheSumOfSquaredErrors() throws {
        // y = [0, 0, 1, 10]. Squared errors of the candidate splits:
        // {0} | {0, 1, 10}: 0 + 60.67;  {0, 0} | {1, 10}: 0 + 40.5;  {0, 0, 1} | {10}: 0.67 + 0.
        // The last is best, at threshold (3 + 4) / 2.
        let features = try FeatureMatrix(rows: [[1], [2], [3], [4]], featureCount: 1)
        let forest = try RandomForestRegressor.fit(features: features, targets: [0, 0, 1, 10], parameters: Self.singleTree)
        #expect(forest.trees[0].nodes[0].value == 3.5)
        #expect(forest.predict(row: [4]) == 10)
    }

    @Test func duplicateValues_AreNeverSplitApart() throws {
        // Rows 2 and 3 share x = 2 but differ in y: no threshold separates them, so they share a leaf.
        let features = try FeatureMatrix(rows: [[1], [2], [2], [3]], featureCount: 1)
        let forest = try RandomForestRegressor.fit(features: features, targets: [0, 4, 6, 20], parameters: Self.singleTree)
        #expect(forest.predict(row: [2]) == 5)
        #expect(forest.trees[0].leafCount == 3)
    }

    @Test func pureNode_IsALeaf() throws {
        let features = try FeatureMatrix(rows: [[1], [2], [3]], featureCount: 1)
        let forest = try RandomForestRegressor.fit(features: features, targets: [7, 7, 7], parameters: Self.singleTree)
        #expect(forest.trees[0].nodes == [DecisionTree.Node(feature: -1, right: 0, value: 7)])
    }

    @Test func leaves_KeepAtLeastMinSamplesLeafRows() throws {
        let (features, targets) = try Synthetic.make(rows: 300, features: 3, seed: 5)
        let parameters = ForestParameters(treeCount: 5, seed: 3, minSamplesLeaf: 7, bootstrap: false)
        let forest = try RandomForestRegressor.fit(features: features, targets: targets, parameters: parameters)
        for tree in forest.trees {
            var rowsPerLeaf: [Int: Int] = [:]
            for row in 0..<features.rowCount {
                rowsPerLeaf[leafIndex(tree, features.row(row)), default: 0] += 1
            }
            #expect(rowsPerLeaf.count == tree.leafCount)
            #expect(rowsPerLeaf.values.allSatisfy { $0 >= 7 })
        }
    }

    @Test func maxDepth_BoundsEveryTree() throws {
        let (features, targets) = try Synthetic.make(rows: 200, features: 2, seed: 9)
        let forest = try RandomForestRegressor.fit(
            features: features, targets: targets, parameters: ForestParameters(treeCount: 10, maxDepth: 3)
        )
        #expect(forest.trees.allSatisfy { $0.depth <= 3 })
        #expect(forest.trees.contains { $0.depth == 3 })
    }

    @Test func predictions_StayWithinTheTargetRange() throws {
        let (features, targets) = try Synthetic.make(rows: 200, features: 2, seed: 4)
        let forest = try RandomForestRegressor.fit(
            features: features, targets: targets, parameters: ForestParameters(treeCount: 20)
        )
        let (probe, _) = try Synthetic.make(rows: 500, features: 2, seed: 99, spread: 3)
        let low = targets.min()!, high = targets.max()!
        for prediction in forest.predict(probe) {
            #expect(prediction >= low && prediction <= high)
        }
    }

    @Test func fullyGrownTrees_WithoutBootstrap_ReproduceTheTrainingTargets() throws {
        let (features, targets) = try Synthetic.make(rows: 100, features: 2, seed: 12)
        let forest = try RandomForestRegressor.fit(features: features, targets: targets, parameters: Self.singleTree)
        #expect(forest.predict(features) == targets)
    }

    @Test func sameSeed_SameBits_WhateverTheNumberOfJobs() throws {
        let (features, targets) = try Synthetic.make(rows: 400, features: 3, seed: 2)
        let parameters = ForestParameters(treeCount: 24, seed: 77, maxFeatures: 0.67)
        let serial = try RandomForestRegressor.fit(
            features: features, targets: targets, parameters: parameters, jobs: 1, outOfBag: true
        )
        let parallel = try RandomForestRegressor.fit(
            features: features, targets: targets, parameters: parameters, jobs: 8, outOfBag: true
        )
        #expect(serial == parallel)
        let a = serial.predict(features, jobs: 1).map(\.bitPattern)
        let b = parallel.predict(features, jobs: 8).map(\.bitPattern)
        #expect(a == b)
        #expect(serial.outOfBagR2?.bitPattern == parallel.outOfBagR2?.bitPattern)
    }

    @Test func differentSeeds_GiveDifferentForests() throws {
        let (features, targets) = try Synthetic.make(rows: 100, features: 2, seed: 2)
        let first = try RandomForestRegressor.fit(features: features, targets: targets, parameters: ForestParameters(treeCount: 5, seed: 1))
        let second = try RandomForestRegressor.fit(features: features, targets: targets, parameters: ForestParameters(treeCount: 5, seed: 2))
        #expect(first.trees != second.trees)
    }

    @Test func forest_LearnsASmoothFunction_AndOutOfBagAgrees() throws {
        let (features, targets) = try Synthetic.make(rows: 600, features: 2, seed: 8)
        let forest = try RandomForestRegressor.fit(
            features: features, targets: targets, parameters: ForestParameters(treeCount: 40), outOfBag: true
        )
        let (test, truth) = try Synthetic.make(rows: 300, features: 2, seed: 80)
        let r2 = RegressionMetrics(actual: truth, predicted: forest.predict(test)).r2
        #expect(r2 > 0.8)
        let oob = try #require(forest.outOfBagR2)
        #expect(abs(oob - r2) < 0.15)
        // Synthetic targets depend on feature 0 far more than on feature 1.
        #expect(forest.featureImportances[0] > forest.featureImportances[1])
        #expect(abs(forest.featureImportances.reduce(0, +) - 1) < 1e-12)
    }

    @Test func badInputs_AreRejectedWithTheParameterNamed() throws {
        let features = try FeatureMatrix(rows: [[1], [2], [3]], featureCount: 1)
        #expect(throws: ForestError.invalidParameter(name: "tree count", value: "0", expected: "at least 1")) {
            try RandomForestRegressor.fit(features: features, targets: [1, 2, 3], parameters: ForestParameters(treeCount: 0))
        }
        #expect(throws: ForestError.self) {
            try RandomForestRegressor.fit(features: features, targets: [1, 2], parameters: ForestParameters(treeCount: 1))
        }
        #expect(throws: ForestError.notFinite("the target of row 1")) {
            try RandomForestRegressor.fit(features: features, targets: [1, .nan, 3], parameters: ForestParameters(treeCount: 1))
        }
        #expect(throws: ForestError.self) {
            try RandomForestRegressor.fit(
                features: features, targets: [1, 2, 3], parameters: ForestParameters(treeCount: 1, maxFeatures: 1.5)
            )
        }
    }

    private func leafIndex(_ tree: DecisionTree, _ row: [Double]) -> Int {
        var index = 0
        while !tree.nodes[index].isLeaf {
            let node = tree.nodes[index]
            index = row[Int(node.feature)] <= node.value ? index + 1 : Int(node.right)
        }
        return index
    }
}
